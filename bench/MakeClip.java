import dev.colorizer.color.Luma;
import dev.colorizer.data.ImageFiles;
import dev.colorizer.data.Resize;
import dev.colorizer.video.VideoFormat;
import dev.colorizer.video.VideoWriter;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * A gray test film of any size for the speed of `colorize video`: a photograph scaled to 1.5 × the frame width, panned
 * across at a constant speed, with film grain (σ 6 levels), 24 frames/s, H.264 at CRF 18.
 *
 * <pre>java -cp colorizer-cli/target/colorize.jar bench/MakeClip.java PHOTO WIDTH HEIGHT FRAMES OUT.mp4</pre>
 */
public class MakeClip {
    public static void main(String[] args) {
        BufferedImage photo = ImageFiles.readRgb(Path.of(args[0]));
        int w = Integer.parseInt(args[1]);
        int h = Integer.parseInt(args[2]);
        int frames = Integer.parseInt(args[3]);
        int wide = w * 3 / 2;
        int tall = Math.max(h, photo.getHeight() * wide / photo.getWidth());
        BufferedImage scaled = Resize.resize(photo, wide, tall);
        SplittableRandom random = new SplittableRandom(3);
        try (VideoWriter clip = new VideoWriter(Path.of(args[4]), VideoFormat.MP4, w, h, 24, 18)) {
            for (int t = 0; t < frames; t++) {
                int x0 = (int) ((long) (wide - w) * (t % 240) / 240); // across in 10 s, then again
                BufferedImage frame = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        double v = Luma.of(scaled.getRGB(x0 + x, y)) + 6 * random.nextGaussian();
                        int level = (int) Math.max(0, Math.min(255, Math.round(v)));
                        frame.setRGB(x, y, level * 0x010101);
                    }
                }
                clip.write(frame);
            }
        }
    }
}
