package dev.colorizer.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Random;
import java.util.zip.Adler32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class PngEncoderTest {
    @Test
    void aPictureOfSeveralBandsDecodesToTheSamePixels() throws Exception {
        // 700 x 1001: three bands, of 374, 374 and 253 rows (374 rows = 256 K pixels); noise and flat areas both
        BufferedImage img = new BufferedImage(700, 1001, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(3);
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                img.setRGB(x, y, y < 500 ? random.nextInt(1 << 24) : (x / 50) * 0x0A0B0C);
            }
        }
        byte[] png = ImageFiles.encode(img, OutputFormat.PNG);
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(png)); // Inflater checks the Adler-32
        assertThat(back.getWidth()).isEqualTo(700);
        assertThat(back.getHeight()).isEqualTo(1001);
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                assertThat(back.getRGB(x, y) & 0xFFFFFF).as("(%d, %d)", x, y).isEqualTo(img.getRGB(x, y) & 0xFFFFFF);
            }
        }
    }

    @Test
    void theAdlerOfAConcatenationIsCombinedFromItsParts() {
        Random random = new Random(5);
        for (int trial = 0; trial < 200; trial++) {
            byte[] x = new byte[random.nextInt(70_000)];
            byte[] y = new byte[random.nextInt(70_000)];
            random.nextBytes(x);
            random.nextBytes(y);
            Adler32 whole = new Adler32();
            whole.update(x);
            whole.update(y);
            Adler32 ax = new Adler32();
            ax.update(x);
            Adler32 ay = new Adler32();
            ay.update(y);
            assertThat(PngEncoder.combineAdler(ax.getValue(), ay.getValue(), y.length)).isEqualTo(whole.getValue());
        }
    }
}
