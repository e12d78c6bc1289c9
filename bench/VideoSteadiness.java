import dev.colorizer.DjlSetup;
import dev.colorizer.color.Lab;
import dev.colorizer.color.Luma;
import dev.colorizer.data.ImageFiles;
import dev.colorizer.eval.ImageMetrics;
import dev.colorizer.infer.Colorizer;
import dev.colorizer.video.FrameColorizer;
import dev.colorizer.video.VideoFormat;
import dev.colorizer.video.VideoWriter;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/**
 * How steady the video colors are, on a film with known truth: two shots made from two color photographs (a slow pan
 * with a zoom in, a hard cut, a faster pan), 480×320 at 24 frames/s, their gray frames given film grain (σ 6 levels)
 * and exposure flicker (±8 %). Each steadiness (0: every frame alone) colors the 144 gray frames with the bundled
 * model; printed per setting: the mean PSNR against the true frames (beside the gray frames'), and the flicker: the
 * mean change of a point's a/b from one frame to the next, following the point as the camera moves, for the output
 * and for the true frames (resampling alone makes the truth's own). Writes the gray clip as OUT/clip.mp4 (for
 * `colorize video`'s speed) and a strip of frames, gray | each frame alone | steady | truth, as OUT/video-strip.png.
 *
 * <pre>java -cp colorizer-cli/target/colorize.jar bench/VideoSteadiness.java OUT PHOTO_A PHOTO_B</pre>
 */
public class VideoSteadiness {
    static final int W = 480;
    static final int H = 320;
    static final int SHOT = 72;

    /** Frame t's window on its photograph: source point = origin + scale · (frame point + ½) − ½. */
    record Window(int shot, double ox, double oy, double scale) {
        double[] toSource(double x, double y) {
            return new double[] {ox + scale * (x + 0.5) - 0.5, oy + scale * (y + 0.5) - 0.5};
        }

        double[] toFrame(double sx, double sy) {
            return new double[] {(sx + 0.5 - ox) / scale - 0.5, (sy + 0.5 - oy) / scale - 0.5};
        }
    }

    static Window window(int t) {
        if (t < SHOT) { // a slow pan right and down with a zoom in
            return new Window(0, 10 + 1.6 * t, 30 + 0.4 * t, 0.75 - 0.13 * t / (SHOT - 1));
        }
        int u = t - SHOT; // a faster pan right
        return new Window(1, 10 + 3.0 * u, 40 - 0.3 * u, 0.9);
    }

    public static void main(String[] args) throws Exception {
        DjlSetup.offline();
        Path out = Files.createDirectories(Path.of(args[0]));
        BufferedImage[] photos = {ImageFiles.readRgb(Path.of(args[1])), ImageFiles.readRgb(Path.of(args[2]))};
        int n = 2 * SHOT;
        List<BufferedImage> truth = new ArrayList<>();
        List<BufferedImage> gray = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(7);
        for (int t = 0; t < n; t++) {
            Window win = window(t);
            BufferedImage frame = render(photos[win.shot()], win);
            truth.add(frame);
            gray.add(grainAndFlicker(frame, 1 + 0.08 * (2 * random.nextDouble() - 1), random));
        }
        try (VideoWriter clip = new VideoWriter(out.resolve("clip.mp4"), VideoFormat.MP4, W, H, 24, 18)) {
            gray.forEach(clip::write);
        }
        double grayPsnr = 0;
        for (int t = 0; t < n; t++) {
            grayPsnr += ImageMetrics.psnr(gray.get(t), truth.get(t));
        }
        System.out.printf(Locale.ROOT, "gray frames: PSNR %.2f dB; truth's own flicker %.3f a/b units a frame%n",
                grayPsnr / n, flicker(truth));
        System.out.println("| steadiness | mirror averaging | PSNR (dB) | flicker (a/b a frame) | × the truth's "
                + "| shots found | s |");
        System.out.println("|---:|---|---:|---:|---:|---:|---:|");
        List<List<BufferedImage>> shown = new ArrayList<>();
        try (Colorizer bundled = Colorizer.loadBundled()) {
            float[] memories = {0f, 0.5f, 0.75f, 0.9f, 0f, 0.75f};
            for (int k = 0; k < memories.length; k++) {
                float memory = memories[k];
                boolean mirror = k < 4; // the last two: one pass a frame
                List<BufferedImage> colored = new ArrayList<>();
                long start = System.nanoTime();
                FrameColorizer stream = new FrameColorizer(
                        bundled.with(bundled.settings().withMirrorAveraging(mirror)), memory, List.of(), 8,
                        (c, pts) -> colored.add(c));
                for (int t = 0; t < n; t++) {
                    stream.add(gray.get(t), t);
                }
                stream.finish();
                double seconds = (System.nanoTime() - start) / 1e9;
                double psnr = 0;
                for (int t = 0; t < n; t++) {
                    psnr += ImageMetrics.psnr(colored.get(t), truth.get(t));
                }
                double f = flicker(colored);
                System.out.printf(Locale.ROOT, "| %.2f | %s | %.2f | %.3f | %.2f | %d | %.1f |%n", memory,
                        mirror ? "on" : "off", psnr / n, f, f / flicker(truth), stream.shots(), seconds);
                if (mirror && (memory == 0f || memory == 0.75f)) {
                    shown.add(colored);
                }
            }
        }
        int[] picked = {0, 35, 71, 72, 108, 143};
        List<List<BufferedImage>> columns = List.of(gray, shown.get(0), shown.get(1), truth);
        int tw = W / 3;
        int th = H / 3;
        BufferedImage strip = new BufferedImage(tw * columns.size(), th * picked.length, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = strip.createGraphics();
        for (int r = 0; r < picked.length; r++) {
            for (int c = 0; c < columns.size(); c++) {
                g.drawImage(columns.get(c).get(picked[r]), c * tw, r * th, tw, th, null);
            }
        }
        g.dispose();
        ImageIO.write(strip, "png", out.resolve("video-strip.png").toFile());
        System.out.println("wrote " + out.resolve("clip.mp4") + " and " + out.resolve("video-strip.png")
                + " (rows: frames " + java.util.Arrays.toString(picked) + "; columns: gray | each frame alone | "
                + "steadiness 0.75 | truth)");
    }

    static BufferedImage render(BufferedImage photo, Window win) {
        BufferedImage frame = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                double[] s = win.toSource(x, y);
                frame.setRGB(x, y, bilinear(photo, s[0], s[1]));
            }
        }
        return frame;
    }

    static BufferedImage grainAndFlicker(BufferedImage frame, double gain, SplittableRandom random) {
        BufferedImage gray = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                double v = Luma.of(frame.getRGB(x, y)) * gain + 6 * gaussian(random);
                int level = (int) Math.max(0, Math.min(255, Math.round(v)));
                gray.setRGB(x, y, level << 16 | level << 8 | level);
            }
        }
        return gray;
    }

    static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    /**
     * The mean a/b change of a point from each frame to the next within a shot: points on an 8-pixel grid of frame
     * t, followed to frame t + 1 through the known windows, kept where they stay inside.
     */
    static double flicker(List<BufferedImage> frames) {
        double sum = 0;
        long count = 0;
        float[] lab0 = new float[3];
        float[] lab1 = new float[3];
        for (int t = 0; t + 1 < frames.size(); t++) {
            Window a = window(t);
            Window b = window(t + 1);
            if (a.shot() != b.shot()) {
                continue; // across the cut, colors should change
            }
            for (int y = 8; y < H - 8; y += 8) {
                for (int x = 8; x < W - 8; x += 8) {
                    double[] s = a.toSource(x, y);
                    double[] q = b.toFrame(s[0], s[1]);
                    if (q[0] < 0 || q[1] < 0 || q[0] > W - 1 || q[1] > H - 1) {
                        continue;
                    }
                    Lab.rgbToLab(frames.get(t).getRGB(x, y), lab0, 0);
                    Lab.rgbToLab(bilinear(frames.get(t + 1), q[0], q[1]), lab1, 0);
                    sum += Math.hypot(lab0[1] - lab1[1], lab0[2] - lab1[2]);
                    count++;
                }
            }
        }
        return sum / count;
    }

    static int bilinear(BufferedImage image, double x, double y) {
        x = Math.max(0, Math.min(image.getWidth() - 1, x));
        y = Math.max(0, Math.min(image.getHeight() - 1, y));
        int x0 = (int) x;
        int y0 = (int) y;
        int x1 = Math.min(image.getWidth() - 1, x0 + 1);
        int y1 = Math.min(image.getHeight() - 1, y0 + 1);
        double tx = x - x0;
        double ty = y - y0;
        int rgb = 0;
        for (int shift = 16; shift >= 0; shift -= 8) {
            double top = (image.getRGB(x0, y0) >> shift & 0xFF) * (1 - tx) + (image.getRGB(x1, y0) >> shift & 0xFF) * tx;
            double bottom = (image.getRGB(x0, y1) >> shift & 0xFF) * (1 - tx) + (image.getRGB(x1, y1) >> shift & 0xFF) * tx;
            rgb |= (int) Math.round(top * (1 - ty) + bottom * ty) << shift;
        }
        return rgb;
    }
}
