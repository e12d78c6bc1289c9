package dev.colorizer.cli;

import dev.colorizer.ColorizerException;
import dev.colorizer.ExitCode;
import dev.colorizer.UsageException;
import dev.colorizer.data.InputNames;
import dev.colorizer.infer.ColorHint;
import dev.colorizer.infer.Colorizer;
import dev.colorizer.infer.HintFile;
import dev.colorizer.run.Digest;
import dev.colorizer.run.OutputManifest;
import dev.colorizer.video.VideoColorizer;
import dev.colorizer.video.VideoFormat;
import dev.colorizer.video.VideoFiles;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "video", mixinStandardHelpOptions = true,
        description = {"Colorize videos (film, home movies): every frame, with colors kept steady along the motion "
                + "and a fresh start at each scene cut; sound, subtitles, frame times, rotation and the container's "
                + "metadata are kept. Mirror averaging is off here unless --mirror-average is given.",
                "Output: OUT/REL/NAME.EXT in the input's own container where it holds H.264 (MP4, MOV, MKV, AVI), "
                        + "else OUT/REL/NAME.EXT.mp4 (a WebM, an MPEG stream); --format chooses. Folders are walked "
                        + "recursively. A video appears under its name only when complete; run again, finished "
                        + "videos made with the same settings are not redone (the record is OUT/"
                        + OutputManifest.FILE + ")."})
final class VideoCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "Video files or folders.")
    List<Path> inputs;

    @Mixin
    ModelOption model = new ModelOption();

    @Option(names = "--out", defaultValue = "output/video", paramLabel = "DIR",
            description = "Output folder. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "Container of every output: " + VideoFormat.CHOICES + ". Default: the input's own where "
                    + "it can hold H.264, else mp4.")
    String format;

    @Option(names = "--crf", defaultValue = "18", paramLabel = "N",
            description = "H.264 quality: 0 lossless … 51 worst; 18 is visually lossless. Default: ${DEFAULT-VALUE}.")
    int crf;

    @Option(names = "--preset", defaultValue = "medium", paramLabel = "NAME",
            description = "x264 speed preset, ultrafast … veryslow (slower: smaller files). Default: ${DEFAULT-VALUE}.")
    String preset;

    @Option(names = "--steadiness", defaultValue = "0.75", paramLabel = "M",
            description = "How much of its colors a pixel carries from the frame before where the motion is sure, "
                    + "in [0, 1): 0 colors each frame alone. Default: ${DEFAULT-VALUE}.")
    float steadiness;

    @Mixin
    WorkingSizeOption workingSize = new WorkingSizeOption();

    @Option(names = "--hints", paramLabel = "PATH",
            description = "Color hints for the first shot, in its first frame's pixels (README: \"Color hints\"); "
                    + "they follow the picture as it moves: one JSON file for a single input, or a folder holding "
                    + "REL/NAME.EXT.json (or REL/NAME.json) per input.")
    Path hints;

    @Option(names = "--reference", paramLabel = "FILE",
            description = "A color photograph whose colors every shot takes where it looks alike (matched on the "
                    + "shot's first frame, then followed along the motion; docs/REFERENCE.md). The user's --hints "
                    + "win over it.")
    Path reference;

    @Option(names = "--batch", defaultValue = "8", description = "Frames per forward pass. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = "--overwrite", description = "Redo every video, also those an earlier run finished with the "
            + "same settings (files it did not write are still never replaced).")
    boolean overwrite;

    @Mixin
    ColorOptions color = new ColorOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        VideoFormat chosen = format == null ? null : VideoFormat.of(format, "--format");
        List<VideoFiles.Job> jobs = VideoFiles.plan(inputs, out);
        if (jobs.isEmpty()) {
            throw new UsageException("no video found in " + inputs + ": name video files (" + VideoFiles.NAMES
                    + ") or folders holding them");
        }
        if (hints != null && !Files.isDirectory(hints) && jobs.size() > 1) {
            throw new UsageException(hints, "is one hints file, for one video, but there are " + jobs.size()
                    + " inputs: pass a folder holding REL/NAME.EXT.json for each input instead");
        }
        if (hints != null && !Files.exists(hints)) {
            throw new UsageException(hints, "no such hints file or folder: check the --hints path");
        }
        // a hints folder's file of each video, an ambiguous REL/NAME.json refused before any work (exit 2)
        Map<String, String> hintsNames = hints == null || !Files.isDirectory(hints) ? Map.of()
                : InputNames.hintsFiles(jobs.stream().map(VideoFiles.Job::relative).toList(),
                        name -> Files.isRegularFile(hints.resolve(name)), hints.toString());
        BufferedImage referencePicture = null; // checked before any work: a bad one stops the command, exit 2
        String referenceDigest = "";
        if (reference != null) {
            referencePicture = References.read(reference);
            referenceDigest = ", reference=" + dev.colorizer.job.LocalPictures.INSTANCE.identity(reference);
        }
        int failed = 0;
        int badData = 0;
        int done = 0;
        int made = 0;
        try (OutputManifest manifest = OutputManifest.open(out); Colorizer loaded = model.load()) {
            manifest.removeStaleTemps();
            Colorizer colorizer = color.apply(workingSize.applyTo(loaded));
            if (!spec.commandLine().getParseResult().hasMatchedOption("--mirror-average")) {
                // off unless asked: steadying along the motion averages as much (docs/VIDEO.md), at half the time
                colorizer = colorizer.with(colorizer.settings().withMirrorAveraging(false));
            }
            for (VideoFiles.Job job : jobs) {
                try {
                    List<ColorHint> mine = hintsOf(job, hintsNames);
                    VideoColorizer video = VideoColorizer.builder().setColorizer(colorizer).optFormat(chosen)
                            .optCrf(crf).optPreset(preset).optSteadiness(steadiness).optHints(mine)
                            .optReference(referencePicture).optBatch(batch)
                            .build();
                    Path output = job.output(video.formatFor(job.input()));
                    if (output.toAbsolutePath().normalize().equals(job.input().toAbsolutePath().normalize())) {
                        throw new ColorizerException(job.input(), "its output would replace it: choose another "
                                + "--out");
                    }
                    String tooLong = InputNames.nameTooLong(output.getFileName().toString(), "video");
                    if (tooLong != null) { // found before an hour of frames, not after
                        throw new ColorizerException(job.input(), tooLong);
                    }
                    String settings = settings(colorizer, mine) + referenceDigest;
                    boolean exists = Files.exists(output, LinkOption.NOFOLLOW_LINKS);
                    if (exists && manifest.ownership(output) != OutputManifest.Ownership.OURS) {
                        throw new ColorizerException(output, "exists and was not written by colorize video (or "
                                + "was changed since): it is not replaced; choose another --out, or move it away");
                    }
                    if (!overwrite && manifest.isCurrent(output, job.input(), settings)) {
                        done++;
                        continue;
                    }
                    OutputManifest.InputStamp stamp = OutputManifest.InputStamp.of(job.input());
                    manifest.claim(List.of(output));
                    VideoColorizer.Report report;
                    try (ProgressBar bar = Bars.frames(job.input().getFileName().toString(), -1)) {
                        report = video.colorize(job.input(), output, (n, expected) -> {
                            if (expected > 0 && bar.getMax() != Math.max(expected, n)) {
                                bar.maxHint(Math.max(expected, n));
                            }
                            bar.stepTo(n);
                        });
                    }
                    manifest.done(List.of(new OutputManifest.Made(output, job.input(), settings, stamp)), true);
                    made++;
                    report.notes().forEach(note -> System.err.println("note: " + job.input() + ": " + note));
                    if (report.damagedPackets() > 0) {
                        System.err.println("warning: " + job.input() + ": " + report.damagedPackets() + " damaged "
                                + "packets of its video were skipped (as FFmpeg's own tools skip them)");
                    }
                    System.out.printf(Locale.ROOT, "%s -> %s: %d frames, %d shot%s, %.1f frames/s (%s)%n",
                            job.input(), output, report.frames(), report.shots(), report.shots() == 1 ? "" : "s",
                            report.frames() / report.seconds().total(), report.seconds());
                } catch (UsageException e) {
                    throw e;
                } catch (ColorizerException e) { // this video only: the others go on
                    System.err.println("error: " + Flags.message(e) + " (skipped)");
                    failed++;
                    badData++;
                } catch (java.io.IOException e) {
                    System.err.println("error: " + job.input() + ": cannot check or record its output (" + e
                            + "); skipped");
                    failed++;
                }
            }
        }
        System.out.printf("colorized %d of %d videos into %s%s%s%n", made, jobs.size(), out,
                done > 0 ? "; " + done + " already done (same input and settings)" : "",
                failed > 0 ? "; " + failed + " failed (see above)" : "");
        if (made == 0 && done == 0 && badData > 0 && failed == badData) {
            return ExitCode.BAD_DATA; // nothing made: every video tried was bad data (each one reported)
        }
        return failed > 0 ? ExitCode.SOME_FAILED : ExitCode.OK; // as predict and spark: some failed, the rest done
    }

    // the hints of one input: the single --hints file, or its file in the --hints folder (named as predict names
    // them: InputNames.hintsFiles), or none
    private List<ColorHint> hintsOf(VideoFiles.Job job, Map<String, String> hintsNames) {
        if (hints == null) {
            return List.of();
        }
        if (!Files.isDirectory(hints)) {
            return HintFile.read(hints);
        }
        String name = hintsNames.get(job.relative());
        return name == null ? List.of() : HintFile.read(hints.resolve(name));
    }

    // what makes an output, for the record: the model, the color and video options, the hints
    private String settings(Colorizer colorizer, List<ColorHint> mine) {
        return colorizer.settingsKey() + ", format="
                + (format == null ? "keep" : format) + ", crf=" + crf + ", preset=" + preset + ", steadiness="
                + steadiness + (mine.isEmpty() ? "" : ", hints=" + Digest.of(mine.toString()
                .getBytes(StandardCharsets.UTF_8)));
    }
}
