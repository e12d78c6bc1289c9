package dev.colorizer.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.colorizer.ColorizerException;
import dev.colorizer.Pictures;
import dev.colorizer.UsageException;
import dev.colorizer.SyntheticImages;
import dev.colorizer.TrainedRuns;
import dev.colorizer.data.ImageFiles;
import dev.colorizer.infer.Provenance;
import dev.colorizer.data.OutputFormat;
import dev.colorizer.infer.Colorizer;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job in local[2] on tiny generated pictures, loopback only: outputs, manifest, corrupt files, re-runs after a
 * failure, after a run that died before its manifest, and after a real kill -9 of a running job; hints and
 * reference photographs.
 */
class ColorizeJobTest {
    @TempDir
    static Path dir;
    static Path model;
    static Path in;
    static SparkSession spark;

    /** Inputs by relative name; corrupt.png and empty.jpg cannot be read, notes.txt and .hidden.png are not inputs. */
    static final Map<String, int[]> GOOD = Map.of(
            "a.png", new int[] {40, 30}, "sub/b.jpg", new int[] {33, 21}, "sub/deeper/c.png", new int[] {17, 45},
            "d.bmp", new int[] {20, 20});

    @BeforeAll
    static void setUp() throws Exception {
        model = TrainedRuns.tiny("unet");
        in = dir.resolve("in");
        int seed = 0;
        for (Map.Entry<String, int[]> e : GOOD.entrySet()) {
            BufferedImage picture = SyntheticImages.scene(e.getValue()[0], e.getValue()[1], seed++);
            String name = e.getKey();
            Files.createDirectories(in.resolve(name).getParent());
            if (name.endsWith(".jpg")) {
                ImageFiles.writeImage(picture, in.resolve(name), OutputFormat.JPEG);
            } else {
                javax.imageio.ImageIO.write(Pictures.gray(picture), name.substring(name.length() - 3),
                        in.resolve(name).toFile());
            }
        }
        Files.write(in.resolve("corrupt.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 1, 2, 3});
        Files.write(in.resolve("sub/empty.jpg"), new byte[0]);
        Files.writeString(in.resolve("notes.txt"), "not a picture");
        ImageFiles.writeImage(SyntheticImages.scene(8, 8, 9), in.resolve(".hidden.png"), OutputFormat.PNG);
        spark = SparkColorize.session("local[2]", Map.of("spark.sql.shuffle.partitions", "2"));
    }

    @AfterAll
    static void tearDown() {
        if (spark != null) {
            spark.stop();
        }
    }

    private static ColorizeJob.Summary job(Path out) throws IOException {
        return ColorizeJob.run(spark, new JobOptions(List.of(in.toString()), out.toString(), model.toString(),
                OutputFormat.PNG, 2, 0));
    }

    /** The rows of one run's manifest by input path relative to in/. */
    private static Map<String, Row> manifest(ColorizeJob.Summary s) {
        String root = in.toUri().getPath();
        return spark.read().schema(Manifest.SCHEMA).parquet(s.manifest()).collectAsList().stream().collect(
                Collectors.toMap(r -> r.getString(0).substring(r.getString(0).indexOf(root) + root.length()), r -> r));
    }

    /** The output files (not the manifest, not hidden temp files) and their modification times. */
    private static Map<Path, FileTime> outputs(Path out) throws IOException {
        Map<Path, FileTime> files = new HashMap<>();
        try (Stream<Path> walk = Files.walk(out)) {
            for (Path f : walk.filter(Files::isRegularFile).filter(f -> !out.relativize(f).startsWith("_manifest"))
                    .filter(f -> !f.getFileName().toString().startsWith(".")).toList()) {
                files.put(out.relativize(f), Files.getLastModifiedTime(f));
            }
        }
        return files;
    }

    // the output name of an input: its own when it ends in the format's extension, else that extension appended
    private static String out(String name, String format) {
        return name.toLowerCase(java.util.Locale.ROOT).endsWith("." + format) ? name : name + "." + format;
    }

    /** Sets every output's modification time to the epoch, so that a rewrite shows. */
    private static void ageOutputs(Path out) throws IOException {
        for (Path f : outputs(out).keySet()) {
            Files.setLastModifiedTime(out.resolve(f), FileTime.fromMillis(0));
        }
    }

    @Test
    void colorizesEveryPictureAtFullSizeWithTheLibraryAndRecordsEachInput() throws Exception {
        Path out = dir.resolve("out-fresh");
        ColorizeJob.Summary s = job(out);
        assertThat(s.ok()).isEqualTo(4);
        assertThat(s.failed()).isEqualTo(2);
        assertThat(s.skipped()).isZero();
        assertThat(outputs(out).keySet()).containsExactlyInAnyOrderElementsOf(
                GOOD.keySet().stream().map(n -> Path.of(out(n, "png"))).toList());

        Map<String, Row> rows = manifest(s);
        assertThat(rows.keySet()).containsExactlyInAnyOrder("a.png", "sub/b.jpg", "sub/deeper/c.png", "d.bmp",
                "corrupt.png", "sub/empty.jpg");
        try (Colorizer colorizer = Colorizer.load(model)) {
            for (Map.Entry<String, int[]> e : GOOD.entrySet()) {
                Row r = rows.get(e.getKey());
                assertThat(r.getString(r.fieldIndex("status"))).isEqualTo("ok");
                assertThat(r.isNullAt(r.fieldIndex("message"))).isTrue();
                assertThat(r.getInt(r.fieldIndex("width"))).isEqualTo(e.getValue()[0]);
                assertThat(r.getInt(r.fieldIndex("height"))).isEqualTo(e.getValue()[1]);
                assertThat(r.getLong(r.fieldIndex("millis"))).isNotNegative();
                assertThat(r.getString(r.fieldIndex("run"))).isEqualTo(s.run());
                assertThat(r.getString(r.fieldIndex("output"))).endsWith("/out-fresh/" + out(e.getKey(), "png"));
                // the same library call as `colorize predict`: same pixels, up to float rounding of batching
                BufferedImage got = ImageFiles.readRgb(out.resolve(out(e.getKey(), "png")));
                BufferedImage want = colorizer.colorize(ImageFiles.readRgb(in.resolve(e.getKey())));
                assertThat(got.getWidth()).isEqualTo(e.getValue()[0]);
                assertThat(got.getHeight()).isEqualTo(e.getValue()[1]);
                assertThat(Pictures.maxChannelDifference(got, want)).as(e.getKey()).isLessThanOrEqualTo(2);
            }
        }
        Row corrupt = rows.get("corrupt.png");
        assertThat(corrupt.getString(corrupt.fieldIndex("status"))).isEqualTo("failed");
        assertThat(corrupt.getString(corrupt.fieldIndex("message"))).contains("corrupt.png", "corrupt");
        assertThat(corrupt.isNullAt(corrupt.fieldIndex("width"))).isTrue();
        Row empty = rows.get("sub/empty.jpg");
        assertThat(empty.getString(empty.fieldIndex("message"))).contains("empty.jpg", "empty (0 bytes)");
        assertThat(s.failures()).hasSize(2);
        assertThat(s.notInputs()).hasSize(2).anyMatch(n -> n.contains(".hidden.png: a hidden file"))
                .anyMatch(n -> n.contains("notes.txt: not a picture name"));
        // torch threads follow spark.task.cpus (1 here) in every task thread, whatever the thread had before
        String run = model.toString();
        HadoopConf conf = new HadoopConf(spark.sparkContext().hadoopConfiguration());
        List<Integer> threads = org.apache.spark.api.java.JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(List.of(1, 2, 3, 4), 4).map(i -> {
                    ai.djl.pytorch.jni.JniUtils.setNumThreads(3);
                    ExecutorModel.get(run, org.apache.spark.TaskContext.get().cpus(), conf.get());
                    return ai.djl.pytorch.jni.JniUtils.getNumThreads();
                }).collect();
        assertThat(threads).containsOnly(1);
    }

    @Test
    void keepWritesEachOutputInItsInputsFormatAtTheWorkingSizeAskedAndSaysWhatMadeIt() throws Exception {
        Path out = dir.resolve("out-keep");
        ColorizeJob.Summary s = ColorizeJob.run(spark, new JobOptions(List.of(in.toString()), out.toString(),
                model.toString(), OutputFormat.KEEP, 2, 0, 1f, null, true, 0.8f, 32));
        assertThat(s.ok()).as(String.valueOf(s.failures())).isEqualTo(4);
        assertThat(outputs(out).keySet()).containsExactlyInAnyOrder(Path.of("a.png"), Path.of("sub/b.jpg"),
                Path.of("sub/deeper/c.png"), Path.of("d.bmp.png"));
        dev.colorizer.infer.Provenance made = dev.colorizer.infer.Provenance.read(
                ImageFiles.readMetadata(out.resolve("sub/b.jpg")), null).orElseThrow();
        assertThat(made.size()).isEqualTo(32);
        try (Colorizer colorizer = Colorizer.load(model)) {
            assertThat(made.model()).isEqualTo(colorizer.identity());
        }
    }

    @Test
    void withoutMirrorAveragingTheJobGivesTheLibrarysOnePassColors() throws Exception {
        Path out = dir.resolve("out-one-pass");
        // the bundled model: the tiny test model's mirror images hardly differ
        ColorizeJob.Summary s = ColorizeJob.run(spark, new JobOptions(List.of(in.toString()), out.toString(),
                null, OutputFormat.PNG, 2, 0, 1f, null, false));
        assertThat(s.ok()).isEqualTo(4);
        try (Colorizer colorizer = Colorizer.load(null)) {
            int apart = 0; // the most the two library paths differ by, over the pictures
            for (String name : GOOD.keySet()) {
                BufferedImage input = ImageFiles.readRgb(in.resolve(name));
                BufferedImage got = ImageFiles.readRgb(out.resolve(out(name, "png")));
                BufferedImage onePass = colorizer.with(colorizer.settings().withMirrorAveraging(false)).colorize(input);
                assertThat(Pictures.maxChannelDifference(got, onePass)).as(name).isLessThanOrEqualTo(2);
                apart = Math.max(apart, Pictures.maxChannelDifference(onePass, colorizer.colorize(input)));
            }
            assertThat(apart).as("mirror averaging changes some picture by more than rounding").isGreaterThan(2);
        }
    }

    @Test
    void reRunAfterAFailureRetriesTheFailedAndRecomputesNothingElse() throws Exception {
        Path out = dir.resolve("out-failure");
        Files.createDirectories(out);
        Files.writeString(out.resolve("sub"), "a file where the folder sub/ must go"); // sub/* cannot be written
        ColorizeJob.Summary first = job(out);
        Map<String, Row> rows = manifest(first);
        assertThat(first.ok()).isEqualTo(2);
        assertThat(first.failed()).isEqualTo(4);
        Row blocked = rows.get("sub/deeper/c.png");
        assertThat(blocked.getString(blocked.fieldIndex("status"))).isEqualTo("failed");
        assertThat(blocked.getString(blocked.fieldIndex("message"))).contains("c.png", "cannot write");
        assertThat(blocked.getInt(blocked.fieldIndex("width"))).isEqualTo(17);

        Files.delete(out.resolve("sub")); // fixed
        ageOutputs(out);
        ColorizeJob.Summary second = job(out);
        assertThat(second.ok()).isEqualTo(2);
        assertThat(second.skipped()).isEqualTo(2);
        assertThat(second.failed()).isEqualTo(2);
        rows = manifest(second);
        assertThat(status(rows)).containsExactlyInAnyOrderEntriesOf(Map.of("a.png", "skipped", "d.bmp", "skipped",
                "sub/b.jpg", "ok", "sub/deeper/c.png", "ok", "corrupt.png", "failed", "sub/empty.jpg", "failed"));
        Row a = rows.get("a.png");
        assertThat(a.getString(a.fieldIndex("message"))).isEqualTo("done in " + first.run() + ": kept");
        assertThat(a.getInt(a.fieldIndex("width"))).isEqualTo(40);
        Map<Path, FileTime> files = outputs(out);
        assertThat(files.get(Path.of("a.png")).toMillis()).isZero(); // not rewritten
        assertThat(files.get(Path.of("d.bmp.png")).toMillis()).isZero();
        assertThat(files.get(Path.of("sub/b.jpg.png")).toMillis()).isPositive();
        assertThat(Manifest.committedRuns(new org.apache.hadoop.fs.Path(out.toUri()),
                spark.sparkContext().hadoopConfiguration())).hasSize(2);
        assertThat(Manifest.latest(spark, new org.apache.hadoop.fs.Path(out.toUri())).values())
                .extracting(Manifest.Previous::run).containsOnly(second.run());
    }

    @Test
    void reRunAfterARunThatDiedBeforeItsManifestKeepsItsOutputsAndDoesTheRest() throws Exception {
        Path out = dir.resolve("out-died");
        ColorizeJob.Summary first = job(out);
        // as if killed: d.png not written yet, c.png half-written to its temp file, the manifest not committed
        Files.delete(out.resolve("d.bmp.png"));
        Path temp = out.resolve("sub/deeper/.c.png." + UUID.randomUUID() + ".tmp");
        Files.write(temp, new byte[] {1, 2, 3});
        Files.delete(Path.of(java.net.URI.create(first.manifest())).resolve("_SUCCESS"));
        ageOutputs(out);

        ColorizeJob.Summary second = job(out);
        Map<String, Row> rows = manifest(second);
        assertThat(status(rows)).containsExactlyInAnyOrderEntriesOf(Map.of("a.png", "skipped", "sub/b.jpg",
                "skipped", "sub/deeper/c.png", "skipped", "d.bmp", "ok", "corrupt.png", "failed",
                "sub/empty.jpg", "failed"));
        Row a = rows.get("a.png");
        assertThat(a.getString(a.fieldIndex("message"))).contains("without an ok manifest row");
        assertThat(temp).doesNotExist(); // the stale temp file is cleaned up
        // and so is the dead run's uncommitted manifest directory; the new run's is committed
        assertThat(Path.of(java.net.URI.create(first.manifest()))).doesNotExist();
        try (Stream<Path> runs = Files.list(out.resolve(Manifest.DIR))) {
            assertThat(runs).singleElement().satisfies(r -> assertThat(r.resolve("_SUCCESS")).exists());
        }
        Map<Path, FileTime> files = outputs(out);
        assertThat(files.keySet()).hasSize(4);
        for (Map.Entry<Path, FileTime> f : files.entrySet()) {
            assertThat(f.getValue().toMillis()).as(f.getKey().toString())
                    .isEqualTo(f.getKey().equals(Path.of("d.bmp.png")) ? f.getValue().toMillis() : 0L);
        }
        assertThat(files.get(Path.of("d.bmp.png")).toMillis()).isPositive();
    }

    @Test
    void remoteFileSystemsAndGlobsGiveTheSameOutputs() throws Exception {
        // other: stands for HDFS (temp file + rename), gs: for an object store (straight to the key); the model is
        // copied from other: to a local temp folder, as from HDFS or S3
        org.apache.hadoop.conf.Configuration conf = spark.sparkContext().hadoopConfiguration();
        conf.set("fs.other.impl", OtherSchemeFileSystem.class.getName());
        conf.set("fs.gs.impl", OtherSchemeFileSystem.ObjectStore.class.getName());
        for (String scheme : List.of("other", "gs")) {
            Path out = dir.resolve("out-" + scheme);
            ColorizeJob.Summary s = ColorizeJob.run(spark, new JobOptions(List.of("other://" + in + "/{a.png,sub}"),
                    scheme + "://" + out, "other://" + model, OutputFormat.JPEG, 2, 0));
            assertThat(s.ok()).isEqualTo(3);
            assertThat(s.failed()).isEqualTo(1); // sub/empty.jpg
            assertThat(outputs(out).keySet()).containsExactlyInAnyOrder(Path.of("a.png.jpg"), Path.of("sub/b.jpg"),
                    Path.of("sub/deeper/c.png.jpg"));
            try (Stream<Path> all = Files.walk(out)) { // no temp files, no .crc files
                assertThat(all.filter(f -> !f.startsWith(out.resolve("_manifest"))).map(Path::getFileName)
                        .map(Path::toString)).noneMatch(n -> n.startsWith("."));
            }
            BufferedImage c = ImageFiles.readRgb(out.resolve("sub/deeper/c.png.jpg"));
            assertThat(c.getWidth()).isEqualTo(17);
            assertThat(c.getHeight()).isEqualTo(45);
            Map<String, Row> rows = manifest(s);
            Row empty = rows.get("sub/empty.jpg");
            assertThat(empty.getString(empty.fieldIndex("message"))).contains("other:" + in.resolve("sub/empty.jpg"));
            Row a = rows.get("a.png");
            assertThat(a.getString(a.fieldIndex("output"))).isEqualTo(scheme + ":" + out.resolve("a.png.jpg"));
            // re-run: everything done is seen through the remote file system too
            ColorizeJob.Summary again = ColorizeJob.run(spark, new JobOptions(List.of("other://" + in + "/{a.png,sub}"),
                    scheme + "://" + out, "other://" + model, OutputFormat.JPEG, 2, 0));
            assertThat(again.skipped()).isEqualTo(3);
            assertThat(again.failed()).isEqualTo(1);
        }
        java.nio.file.Path copy = ExecutorModel.localRunDir("other://" + model, conf);
        assertThat(copy).isNotEqualTo(model);
        try (Stream<Path> files = Files.walk(copy)) {
            assertThat(files.filter(Files::isRegularFile).map(f -> copy.relativize(f).toString()))
                    .contains("config.json", "checkpoints/latest.json").anyMatch(f -> f.endsWith("/model.params"))
                    .noneMatch(f -> f.contains("optimizer"));
        }
        Colorizer.load(copy).close();
    }

    @Test
    void aJobKilledMidwayAndRunAgainLosesNothingAndDoesNothingTwice() throws Exception {
        Path many = dir.resolve("many");
        for (int i = 0; i < 40; i++) {
            ImageFiles.writeImage(Pictures.gray(SyntheticImages.scene(320, 240, 100 + i)),
                    many.resolve(String.format("p%02d.png", i)), OutputFormat.PNG);
        }
        Path out = dir.resolve("out-killed");
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"), "-Xmx1g", "-Djava.awt.headless=true"));
        command.addAll(Arrays.asList(System.getProperty("spark.java.opens", "").trim().split("\\s+")));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), SparkColorize.class.getName(),
                "--master", "local[1]", "--input", many.toString(), "--output", out.toString(),
                "--model", model.toString(), "--batch", "1"));
        Process child = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (child.isAlive() && System.nanoTime() < deadline && countPngs(out) < 5) {
            Thread.sleep(20);
        }
        child.destroyForcibly(); // SIGKILL: no shutdown hooks, no manifest
        child.waitFor(30, TimeUnit.SECONDS);
        Map<Path, FileTime> before = Files.isDirectory(out) ? outputs(out) : Map.of();
        assertThat(before).as(Files.readString(dir.resolve("child.log"))).isNotEmpty();
        assertThat(before.size()).as("killed midway").isLessThan(40);
        ageOutputs(out);

        ColorizeJob.Summary s = ColorizeJob.run(spark,
                new JobOptions(List.of(many.toString()), out.toString(), model.toString(), OutputFormat.PNG, 4, 0));
        assertThat(s.failed()).isZero();
        assertThat(s.total()).isEqualTo(40);
        assertThat(s.skipped()).isEqualTo(before.size()); // each output written once, by one of the two runs
        assertThat(s.ok()).isEqualTo(40 - before.size());
        Map<Path, FileTime> after = outputs(out);
        assertThat(after).hasSize(40);
        try (Stream<Path> files = Files.list(out)) { // a temp file the kill left behind is gone
            assertThat(files.map(f -> f.getFileName().toString())).allMatch(n -> !n.startsWith(".") || n.endsWith(".crc"));
        }
        try (Stream<Path> runs = Files.list(out.resolve(Manifest.DIR))) { // the killed run's _temporary parts too
            assertThat(runs).singleElement().satisfies(r -> assertThat(r.resolve("_SUCCESS")).exists());
        }
        before.keySet().forEach(f -> assertThat(after.get(f).toMillis()).as(f.toString()).isZero());
    }

    @Test
    void anOutputAnEarlierReleaseNamedByItsStemKeepsItsNameAndIsKept() throws Exception {
        Path pictures = Files.createDirectories(dir.resolve("earlier-in"));
        ImageFiles.writeImage(Pictures.gray(SyntheticImages.scene(30, 20, 1)), pictures.resolve("a.jpg"),
                OutputFormat.JPEG);
        Path out = Files.createDirectories(dir.resolve("earlier-out"));
        ImageFiles.writeImage(SyntheticImages.scene(30, 20, 1), out.resolve("a.png"), OutputFormat.PNG);
        // the manifest of an earlier release: a.jpg colored into a.png, no settings recorded
        org.apache.hadoop.fs.FileSystem fs = org.apache.hadoop.fs.FileSystem.getLocal(
                spark.sparkContext().hadoopConfiguration());
        String input = fs.makeQualified(new org.apache.hadoop.fs.Path(pictures.resolve("a.jpg").toUri())).toString();
        String output = fs.makeQualified(new org.apache.hadoop.fs.Path(out.resolve("a.png").toUri())).toString();
        spark.createDataFrame(List.of(Manifest.row(input, output, Manifest.OK, null, 30, 20, 5L,
                "run-20200101T000000000Z-00000000")), Manifest.SCHEMA).write()
                .parquet(out.resolve(Manifest.DIR).resolve("run-20200101T000000000Z-00000000").toString());

        ColorizeJob.Summary s = ColorizeJob.run(spark, new JobOptions(List.of(pictures.toString()), out.toString(),
                null, OutputFormat.PNG, 2, 0));
        assertThat(s.skipped()).as(String.join("; ", s.failures())).isEqualTo(1);
        assertThat(outputs(out).keySet()).as("no second copy a.jpg.png").containsExactly(Path.of("a.png"));
        Row a = spark.read().schema(Manifest.SCHEMA).parquet(s.manifest()).collectAsList().get(0);
        assertThat(a.getString(a.fieldIndex("output"))).isEqualTo(output);
        assertThat(a.getString(a.fieldIndex("status"))).isEqualTo(Manifest.SKIPPED);
    }

    @Test
    void hintsFromAFolderColorThePicturesThatHaveThemAndBadOnesStopTheJobFirst() throws Exception {
        Path pictures = dir.resolve("hinted-in");
        for (String name : List.of("a.png", "sub/b.png")) {
            Files.createDirectories(pictures.resolve(name).getParent());
            ImageFiles.writeImage(Pictures.gray(SyntheticImages.scene(64, 48, name.length())), pictures.resolve(name),
                    OutputFormat.PNG);
        }
        Path hints = dir.resolve("hints");
        Files.createDirectories(hints.resolve("sub"));
        Files.writeString(hints.resolve("sub/b.json"),
                "{\"points\": [{\"x\": 32, \"y\": 24, \"color\": \"#d02010\", \"radius\": 4}]}");
        Path auto = dir.resolve("hints-auto");
        Path hinted = dir.resolve("hints-out");
        List<String> inputs = List.of(pictures.toString());
        assertThat(ColorizeJob.run(spark, new JobOptions(inputs, auto.toString(), null, OutputFormat.PNG, 2, 0)).ok())
                .isEqualTo(2);
        Files.writeString(hints.resolve("sub/typo.png.json"), "{\"points\": []}"); // no such picture: named
        ColorizeJob.Summary[] run = new ColorizeJob.Summary[1];
        dev.colorizer.ConsoleCapture console = dev.colorizer.ConsoleCapture.run(() -> {
            try {
                run[0] = ColorizeJob.run(spark, new JobOptions(inputs, hinted.toString(), null, OutputFormat.PNG, 2,
                        0, 1f, hints.toString()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return 0;
        });
        ColorizeJob.Summary s = run[0];
        assertThat(s.ok()).as(String.join("; ", s.failures())).isEqualTo(2);
        assertThat(console.err()).contains("typo.png.json is the hints file of no input").doesNotContain("b.json is");
        Files.delete(hints.resolve("sub/typo.png.json"));
        assertThat(Files.readAllBytes(hinted.resolve("a.png"))).as("a has no hints file: automatic")
                .isEqualTo(Files.readAllBytes(auto.resolve("a.png")));
        assertThat(meanA(hinted.resolve("sub/b.png"), 32, 24)).as("a* under the red hint")
                .isGreaterThan(meanA(auto.resolve("sub/b.png"), 32, 24) + 5);

        Files.writeString(hints.resolve("a.json"), "{\"points\": [{\"x\": 1}]}");
        Path never = dir.resolve("hints-never");
        assertThatThrownBy(() -> ColorizeJob.run(spark,
                new JobOptions(inputs, never.toString(), null, OutputFormat.PNG, 2, 0, 1f, hints.toString())))
                .isInstanceOf(ColorizerException.class).hasMessageContaining("a.json").hasMessageContaining("y");
        assertThat(never).doesNotExist();
        Files.writeString(hints.resolve("a.json"), "{\"points\": [{\"x\": 500, \"y\": 5, \"color\": \"#d02010\"}]}");
        assertThatThrownBy(() -> ColorizeJob.run(spark,
                new JobOptions(inputs, never.toString(), null, OutputFormat.PNG, 2, 0, 1f, hints.toString())))
                .as("a point off its 64x48 picture, checked on the driver before any work")
                .isInstanceOf(ColorizerException.class).hasMessageContaining("a.json").hasMessageContaining("64x48");
        assertThat(never).doesNotExist();
        Files.delete(hints.resolve("a.json"));
        assertThatThrownBy(() -> ColorizeJob.run(spark,
                new JobOptions(inputs, never.toString(), model.toString(), OutputFormat.PNG, 2, 0, 1f,
                        hints.toString())))
                .isInstanceOf(UsageException.class).hasMessageContaining("takes none");
    }

    @Test
    void aReferenceFileColorsEveryPictureAFolderItsOwnAndABadOneStopsTheJobFirst() throws Exception {
        Path pictures = dir.resolve("album");
        for (String name : List.of("a.png", "sub/b.png")) { // flat gray, 48x32
            Files.createDirectories(pictures.resolve(name).getParent());
            ImageFiles.writeImage(Pictures.flat(48, 32, 0x808080), pictures.resolve(name), OutputFormat.PNG);
        }
        Path red = dir.resolve("red.jpg");
        ImageFiles.writeImage(Pictures.flat(40, 30, 0xC02818), red, OutputFormat.JPEG);
        List<String> inputs = List.of(pictures.toString());
        Path auto = dir.resolve("album-auto");
        assertThat(ColorizeJob.run(spark, new JobOptions(inputs, auto.toString(), null, OutputFormat.PNG, 2, 0)).ok())
                .isEqualTo(2);

        // one file: every picture takes its colors (a* above zero is red)
        Path album = dir.resolve("album-red");
        ColorizeJob.Summary s = ColorizeJob.run(spark, new JobOptions(inputs, album.toString(), null,
                OutputFormat.PNG, 2, 0, 1f, null, true, OutputFormat.DEFAULT_JPEG_QUALITY, null, red.toString()));
        assertThat(s.ok()).as(String.join("; ", s.failures())).isEqualTo(2);
        for (String name : List.of("a.png", "sub/b.png")) {
            assertThat(meanA(album.resolve(name), 24, 16)).as("a* of %s", name)
                    .isGreaterThan(meanA(auto.resolve(name), 24, 16) + 15);
        }

        // a folder: sub/b.png takes sub/b.jpg (its one sub/b.* picture); a.png has none and is colored as without
        Path refs = dir.resolve("refs");
        Files.createDirectories(refs.resolve("sub"));
        Files.copy(red, refs.resolve("sub/b.jpg"));
        Path perPicture = dir.resolve("album-folder");
        s = ColorizeJob.run(spark, new JobOptions(inputs, perPicture.toString(), null, OutputFormat.PNG, 2, 0, 1f,
                null, true, OutputFormat.DEFAULT_JPEG_QUALITY, null, refs.toString()));
        assertThat(s.ok()).as(String.join("; ", s.failures())).isEqualTo(2);
        assertThat(Files.readAllBytes(perPicture.resolve("a.png")))
                .isEqualTo(Files.readAllBytes(auto.resolve("a.png")));
        assertThat(meanA(perPicture.resolve("sub/b.png"), 24, 16))
                .isGreaterThan(meanA(auto.resolve("sub/b.png"), 24, 16) + 15);

        // a gray reference: refused on the driver, named, before any output
        Path gray = dir.resolve("gray-reference.png");
        ImageFiles.writeImage(Pictures.flat(40, 30, 0x707070), gray, OutputFormat.PNG);
        Path never = dir.resolve("album-never");
        assertThatThrownBy(() -> ColorizeJob.run(spark, new JobOptions(inputs, never.toString(), null,
                OutputFormat.PNG, 2, 0, 1f, null, true, OutputFormat.DEFAULT_JPEG_QUALITY, null, gray.toString())))
                .isInstanceOf(ColorizerException.class).hasMessageContaining("gray-reference.png")
                .hasMessageContaining("has no color");
        assertThat(never).doesNotExist();
    }

    // mean a* over the 5×5 square around (cx, cy)
    private static double meanA(Path picture, int cx, int cy) {
        return Pictures.meanAb(ImageFiles.readRgb(picture), 0, cx, cy, 2);
    }

    @Test
    void partitionsKeepCoresBusyWithoutTinyOrHugeTasks() {
        assertThat(ColorizeJob.partitions(201, 8, 2)).isEqualTo(6);
        assertThat(ColorizeJob.partitions(10, 8, 2)).isEqualTo(2);
        assertThat(ColorizeJob.partitions(1_000_000, 8, 100)).isEqualTo(1000);
        assertThat(ColorizeJob.partitions(1, 8, 16)).isEqualTo(1);
        assertThat(InputPlan.globBase("s3a://bucket/photos/*/x.jpg")).isEqualTo("s3a://bucket/photos");
        assertThat(InputPlan.globBase("/data/{a,b}")).isEqualTo("/data");
        assertThat(InputPlan.globBase("*.png")).isEqualTo(".");
    }

    private static long countPngs(Path out) throws IOException {
        if (!Files.isDirectory(out)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(out)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".png")).count();
        }
    }

    @Test
    void reRunsRedoWhatOtherSettingsAnotherModelOrAReplacedInputWouldMakeDifferently() throws Exception {
        Path pictures = dir.resolve("rerun-in");
        ImageFiles.writeImage(Pictures.gray(SyntheticImages.scene(30, 20, 1)), pictures.resolve("a.png"),
                OutputFormat.PNG);
        ImageFiles.writeImage(Pictures.gray(SyntheticImages.scene(30, 20, 2)), pictures.resolve("b.png"),
                OutputFormat.PNG);
        Path out = dir.resolve("rerun-out");
        java.util.function.BiFunction<Float, String, ColorizeJob.Summary> run = (saturation, runDir) -> {
            try {
                return ColorizeJob.run(spark, new JobOptions(List.of(pictures.toString()), out.toString(), runDir,
                        OutputFormat.PNG, 2, 0, saturation, null, true));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
        assertThat(run.apply(1f, model.toString()).ok()).isEqualTo(2);
        ColorizeJob.Summary same = run.apply(1f, model.toString());
        assertThat(same.skipped()).isEqualTo(2); // the same settings and inputs: kept

        ColorizeJob.Summary paler = run.apply(0.5f, model.toString());
        assertThat(paler.ok()).as("another --saturation").isEqualTo(2);
        assertThat(paler.skipped()).isZero();

        Path otherModel = TrainedRuns.tiny("unet-hints");
        assertThat(run.apply(0.5f, otherModel.toString()).ok()).as("another model").isEqualTo(2);

        ImageFiles.writeImage(Pictures.gray(SyntheticImages.scene(30, 20, 3)), pictures.resolve("a.png"),
                OutputFormat.PNG);
        Files.setLastModifiedTime(pictures.resolve("a.png"), FileTime.fromMillis(System.currentTimeMillis() + 5000));
        ColorizeJob.Summary replaced = run.apply(0.5f, otherModel.toString());
        assertThat(replaced.ok()).as("a.png replaced").isEqualTo(1);
        assertThat(replaced.skipped()).isEqualTo(1);

        // a run in which a.png fails leaves its output as it was, and a later run still checks that output
        byte[] good = Files.readAllBytes(pictures.resolve("a.png"));
        Files.writeString(pictures.resolve("a.png"), "damaged");
        assertThat(run.apply(0.5f, otherModel.toString()).failed()).as("a.png unreadable").isEqualTo(1);
        Files.write(pictures.resolve("a.png"), good);
        ColorizeJob.Summary after = run.apply(0.8f, otherModel.toString());
        assertThat(after.ok()).as("another --saturation after a failed run: both redone").isEqualTo(2);
        assertThat(Provenance.read(ImageFiles.readMetadata(out.resolve("a.png")), out.resolve("a.png")).orElseThrow()
                .settings().saturation()).isEqualTo(0.8f);

        assertThatThrownBy(() -> ColorizeJob.run(spark, new JobOptions(List.of(pictures.toString()), out.toString(),
                model.toString(), OutputFormat.PNG, 2, 0, 1f, null, true, 0.9f, 97)))
                .as("a working size the model does not take, refused before any task").isInstanceOf(
                        dev.colorizer.UsageException.class).hasMessageStartingWith("--size: working size 97");
    }

    private static Map<String, String> status(Map<String, Row> rows) {
        Map<String, String> status = new HashMap<>();
        rows.forEach((k, r) -> status.put(k, r.getString(r.fieldIndex("status"))));
        return status;
    }
}
