package dev.colorizer.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.colorizer.SyntheticImages;
import dev.colorizer.UsageException;
import dev.colorizer.data.FolderPlan;
import dev.colorizer.data.ImageFiles;
import dev.colorizer.data.OutputFormat;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One tree planned by both planners, {@code colorize predict}'s ({@link FolderPlan}, java.nio) and the Spark
 * job's ({@link InputPlan}, the Hadoop FileSystem API): the same inputs in the same order, the same outputs, the
 * same entries skipped for the same reasons (the rules by name of {@code InputNames}).
 */
class InputPlanTest {
    @TempDir
    Path dir;
    Path tree;
    Path out;
    final Configuration conf = new Configuration();

    @BeforeEach
    void tree() throws IOException {
        tree = dir.resolve("tree");
        out = tree.resolve("out"); // inside the inputs: not walked
        for (String name : List.of("a.png", "a.jpg", "b.tif", "sub/a.png", "sub/c.jpeg", "sub/d.PNG", ".hidden.png",
                "sub/._c.jpeg", ".git/x.png", "_temporary/0/part.png", "out/old.png")) {
            Files.createDirectories(tree.resolve(name).getParent());
            ImageFiles.writeImage(SyntheticImages.scene(8, 8, name.length()), tree.resolve(name),
                    name.endsWith(".jpg") || name.endsWith(".jpeg") ? OutputFormat.JPEG : OutputFormat.PNG);
        }
        Files.writeString(tree.resolve("_SUCCESS"), "");
        Files.writeString(tree.resolve("notes.txt"), "not a picture");
        Files.writeString(tree.resolve("sub/e.heic"), "not a picture name");
    }

    /** A plan as names, in order: "INPUT -> OUTPUT" (relative to the tree and to out), "ENTRY: REASON". */
    private record Names(List<String> jobs, List<String> refused, List<String> skipped) {}

    private Names predict(List<Path> inputs) throws IOException {
        FolderPlan plan = FolderPlan.of(inputs, out, OutputFormat.PNG);
        return new Names(plan.jobs().stream().map(j -> name(tree, j.input()) + " -> " + name(out, j.output())).toList(),
                plan.refused().stream().map(r -> name(tree, r.input())).toList(),
                plan.skipped().stream().map(s -> name(tree, s.entry()) + ": " + s.reason()).toList());
    }

    private Names spark(List<String> inputs) throws IOException {
        org.apache.hadoop.fs.Path output = FileSystem.getLocal(conf).makeQualified(
                new org.apache.hadoop.fs.Path(out.toString()));
        InputPlan plan = InputPlan.of(inputs, output, OutputFormat.PNG, null, null, conf);
        return new Names(plan.items().stream().map(i -> name(tree, local(i.input())) + " -> "
                        + name(out, local(i.output()))).toList(),
                plan.refused().stream().map(i -> name(tree, local(i.input()))).toList(),
                plan.skipped().stream().map(s -> name(tree, local(s.path())) + ": " + s.reason()).toList());
    }

    private static Path local(String qualified) {
        return Path.of(URI.create(qualified));
    }

    private static String name(Path base, Path file) {
        return base.toAbsolutePath().relativize(file.toAbsolutePath()).toString();
    }

    @Test
    void bothFrontEndsPlanATreeAlike() throws IOException {
        Names predict = predict(List.of(tree));
        assertThat(spark(List.of(tree.toString()))).isEqualTo(predict);
        assertThat(predict.jobs()).containsExactly("a.jpg -> a.jpg.png", "a.png -> a.png", "b.tif -> b.tif.png",
                "sub/a.png -> sub/a.png", "sub/c.jpeg -> sub/c.jpeg.png", "sub/d.PNG -> sub/d.PNG");
        assertThat(predict.refused()).isEmpty();
        assertThat(predict.skipped()).hasSize(8);
        assertThat(predict.skipped().get(0)).startsWith(".git: a hidden folder").contains("not walked");
        assertThat(predict.skipped().get(1)).startsWith(".hidden.png: a hidden file");
        assertThat(predict.skipped().get(2)).startsWith("_SUCCESS: a hidden file");
        assertThat(predict.skipped().get(3)).startsWith("_temporary: a hidden folder");
        assertThat(predict.skipped().get(4)).startsWith("notes.txt: not a picture name");
        assertThat(predict.skipped().get(5)).isEqualTo("out: the output folder: it holds outputs, not inputs (not "
                + "walked)");
        assertThat(predict.skipped().get(6)).startsWith("sub/._c.jpeg: a hidden file");
        assertThat(predict.skipped().get(7)).startsWith("sub/e.heic: not a picture name");
    }

    @Test
    void namedFilesAreTakenWhateverTheirNamesAndInTheOrderNamed() throws IOException {
        List<Path> named = List.of(tree.resolve("sub/a.png"), tree.resolve(".hidden.png"), tree.resolve("notes.txt"),
                tree.resolve("a.png"));
        Names predict = predict(named);
        assertThat(spark(named.stream().map(Path::toString).toList())).isEqualTo(predict);
        assertThat(predict.jobs()).containsExactly("sub/a.png -> a.png", ".hidden.png -> .hidden.png",
                "notes.txt -> notes.txt.png");
        assertThat(predict.refused()).as("the same name named again: not renamed a-2.png").containsExactly("a.png");
        assertThat(predict.skipped()).isEmpty();
    }

    private static String sparkWords(Throwable e) {
        return SparkFlags.message((dev.colorizer.ColorizerException) e);
    }

    @Test
    void anInputFolderThatIsTheOutputFolderOrInsideItIsRefusedByBoth() {
        out = tree;
        // the same refusal, the setting worded by each front end: the library's plain name, spark's --output
        assertThatThrownBy(() -> predict(List.of(tree))).isInstanceOf(UsageException.class)
                .hasMessageContaining("is also the output folder");
        assertThatThrownBy(() -> spark(List.of(tree.toString()))).isInstanceOf(UsageException.class)
                .satisfies(e -> assertThat(sparkWords(e)).contains("is also the --output folder"));
        assertThatThrownBy(() -> predict(List.of(tree.resolve("sub")))).isInstanceOf(UsageException.class)
                .hasMessageContaining("is inside the output folder");
        assertThatThrownBy(() -> spark(List.of(tree.resolve("sub").toString()))).isInstanceOf(UsageException.class)
                .satisfies(e -> assertThat(sparkWords(e)).contains("is inside the --output folder"));
    }

    @Test
    void onThisMachinesFileSystemLinksAreSeenAsPredictSeesThem() throws IOException {
        Files.createSymbolicLink(tree.resolve("sub/loop"), Path.of("..")); // a folder link: not followed
        Files.createSymbolicLink(tree.resolve("0-alias.png"), Path.of("a.png")); // a.png under a second name
        Files.createSymbolicLink(tree.resolve("gone.png"), dir.resolve("nowhere.png"));
        Names predict = predict(List.of(tree));
        assertThat(spark(List.of(tree.toString()))).isEqualTo(predict);
        assertThat(predict.jobs()).hasSize(6).contains("a.png -> a.png").noneMatch(j -> j.contains("loop"));
        assertThat(predict.skipped()).anyMatch(k -> k.startsWith("0-alias.png: the same file as"))
                .anyMatch(k -> k.startsWith("gone.png: a symbolic link to nothing"))
                .anyMatch(k -> k.startsWith("sub/loop: a symbolic link to a folder"));

        Path link = Files.createSymbolicLink(dir.resolve("tree-link"), tree);
        out = link; // the output folder is the input folder under another name
        assertThatThrownBy(() -> spark(List.of(tree.toString()))).isInstanceOf(UsageException.class)
                .satisfies(e -> assertThat(sparkWords(e)).contains("is also the --output folder"));
        out = Files.writeString(dir.resolve("afile"), "mine");
        assertThatThrownBy(() -> spark(List.of(tree.toString()))).isInstanceOf(dev.colorizer.ColorizerException.class)
                .satisfies(e -> assertThat(sparkWords(e)).contains("is a file, not a folder: --output takes the folder"));
        assertThatThrownBy(() -> InputPlan.of(List.of(""), new org.apache.hadoop.fs.Path(dir.toString()),
                OutputFormat.PNG, null, null, conf)).isInstanceOf(UsageException.class).hasMessageContaining("empty");
    }

    @Test
    void aClashIsRefusedAndAnEarlierNameKeptAlikeByPredictAndBothSparkWalks() throws IOException {
        Path clash = Files.createDirectories(dir.resolve("clash"));
        for (String name : List.of("a.jpg", "a.jpg.png", "b.jpg")) {
            ImageFiles.writeImage(SyntheticImages.scene(8, 8, 1), clash.resolve(name), OutputFormat.PNG);
        }
        Path saved = tree;
        tree = clash;
        Names predict = predict(List.of(clash));
        assertThat(predict.jobs()).containsExactly("a.jpg.png -> a.jpg.png", "b.jpg -> b.jpg.png");
        assertThat(predict.refused()).containsExactly("a.jpg");
        assertThat(spark(List.of(clash.toString()))).isEqualTo(predict);
        assertThat(spark(List.of(clash + "/*"))).as("a glob: Spark's own walk, as on HDFS").isEqualTo(predict);
        org.apache.hadoop.fs.Path output = FileSystem.getLocal(conf).makeQualified(
                new org.apache.hadoop.fs.Path(out.toString()));
        InputPlan.Refused refused = InputPlan.of(List.of(clash + "/*"), output, OutputFormat.PNG, null, null, conf)
                .refused().get(0);
        assertThat(refused.reason()).isEqualTo("its output a.jpg.png is also a.jpg.png's, which keeps its own name: "
                + "rename this picture to colorize it");

        // an earlier release's b.png, recorded as made from b.jpg and still there, keeps its name
        Files.createDirectories(out);
        ImageFiles.writeImage(SyntheticImages.scene(8, 8, 1), out.resolve("b.png"), OutputFormat.PNG);
        java.util.function.Function<String, List<String>> recorded = input -> input.endsWith("/b.jpg")
                ? List.of(output + "/b.png") : List.of();
        for (String input : List.of(clash.toString(), clash + "/*")) {
            InputPlan plan = InputPlan.of(List.of(input), output, OutputFormat.PNG, null, null, conf, recorded);
            assertThat(plan.items()).extracting(WorkItem::output).as(input)
                    .containsExactly(output + "/a.jpg.png", output + "/b.png");
        }
        tree = saved;
    }
}
