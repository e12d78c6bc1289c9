import dev.colorizer.DjlSetup;
import dev.colorizer.data.ImageFiles;
import dev.colorizer.data.OutputFormat;
import dev.colorizer.infer.ColorHint;
import dev.colorizer.infer.ColorSettings;
import dev.colorizer.infer.Colorizer;
import dev.colorizer.job.FolderJob;
import dev.colorizer.job.LocalPictures;
import dev.colorizer.job.OutputRecipe;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A tour of the library: the program README.md's "As a library" shows (its code blocks are lines of this file, and
 * the tests compile it, ToolSourcesCompileTest). From the repository root, after building:
 * <pre>
 *   java -cp colorizer-cli/target/colorize.jar examples/LibraryTour.java IN.jpg OUTDIR
 * </pre>
 * It writes into OUTDIR: color.png (automatic), hinted.png, gentle.png, steps.png and job.png (the folder job).
 */
public class LibraryTour {
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: java -cp colorizer-cli/target/colorize.jar examples/LibraryTour.java IN.jpg OUTDIR");
            System.exit(64);
        }
        Path in = Path.of(args[0]);
        Path outDir = Files.createDirectories(Path.of(args[1]));

        DjlSetup.offline();                                   // before the first DJL use: no network, no tracking
        try (Colorizer colorizer = Colorizer.loadBundled()) { // or Colorizer.load(Path.of("runs/seed")): a run's newest checkpoint
            BufferedImage picture = ImageFiles.readRgb(in);   // any picture: a color one is treated as gray
            BufferedImage color = colorizer.colorize(picture);
            ImageFiles.writeImage(color, outDir.resolve("color.png"), OutputFormat.PNG);

            // color hints: x, y in input pixels, an sRGB color (here, brick red at the picture's centre)
            List<ColorHint> hints = List.of(ColorHint.ofRgb(picture.getWidth() / 2.0, picture.getHeight() / 2.0, 0xC83C28));
            BufferedImage hinted = colorizer.colorize(picture, hints); // an empty list: automatic
            ImageFiles.writeImage(hinted, outDir.resolve("hinted.png"), OutputFormat.PNG);

            // other settings: the same weights (close only the loaded colorizer, not those made by `with`)
            Colorizer gentle = colorizer.with(colorizer.settings().withSaturation(0.7f)); // 0 gray, 1 default, up to 2
            ImageFiles.writeImage(gentle.colorize(picture), outDir.resolve("gentle.png"), OutputFormat.PNG);

            // the three steps, which a caller may run apart (e.g. forward passes of several pictures in one batch)
            Colorizer sized = colorizer.with(ColorSettings.builder().optWorkingSize(96).optMirrorAveraging(false).build());
            Colorizer.Prepared p = sized.prepare(picture, hints);   // resized to its working shape, encoded with its hints
            float[] out = sized.forward(List.of(p)).get(0);         // the model, batched by working shape
            BufferedImage steps = sized.finish(p, out).colorized(); // full size, guided by the picture's own lightness
            ImageFiles.writeImage(steps, outDir.resolve("steps.png"), OutputFormat.PNG);

            // many pictures into files, as `colorize predict` does: read, colorized in batches, written atomically
            // with their metadata and the record of what made them; a picture that fails is its outcome's message
            OutputRecipe recipe = new OutputRecipe(colorizer, OutputFormat.PNG, OutputFormat.DEFAULT_JPEG_QUALITY);
            FolderJob<Path> job = FolderJob.<Path>builder().setRecipe(recipe).setStore(LocalPictures.INSTANCE)
                    .optLedger(item -> true) // a file at an output is ours to replace (default: it is kept)
                    .build();
            List<FolderJob.Item<Path>> items = List.of(new FolderJob.Item<>(in, outDir.resolve("job.png")));
            for (FolderJob.Outcome<Path> outcome : job.run(items)) {
                System.out.println(outcome.item().output() + ": " + outcome.status()
                        + (outcome.message() == null ? "" : ": " + outcome.message()));
            }
        }
    }
}
