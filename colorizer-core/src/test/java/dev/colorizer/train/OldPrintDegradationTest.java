package dev.colorizer.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OldPrintDegradationTest {
    private static final int S = 32;

    /** A gradient with a bright square on it: smooth tones and sharp edges. */
    private static byte[] picture() {
        byte[] plane = new byte[S * S];
        for (int y = 0; y < S; y++) {
            for (int x = 0; x < S; x++) {
                boolean square = x >= 8 && x < 20 && y >= 10 && y < 22;
                plane[y * S + x] = (byte) (square ? 230 : 20 + 5 * x);
            }
        }
        return plane;
    }

    @Test
    void degradesTheShareAskedForAndTheSameDrawsGiveTheSamePlanes() {
        OldPrintDegradation half = new OldPrintDegradation(0.5, S);
        SplittableRandom random = new SplittableRandom(11);
        SplittableRandom same = new SplittableRandom(11);
        int changed = 0;
        for (int i = 0; i < 400; i++) {
            byte[] a = picture();
            byte[] b = picture();
            half.apply(a, random);
            half.apply(b, same);
            assertThat(b).containsExactly(a);
            if (!Arrays.equals(a, picture())) {
                changed++;
            }
        }
        // each picture degraded with probability 1/2, and a degraded one has at least one of its three changes
        // with probability 7/8: about 175 of 400
        assertThat(changed).isBetween(140, 210);
    }

    @Test
    void aDegradedPictureKeepsItsContent() {
        OldPrintDegradation all = new OldPrintDegradation(1, S);
        SplittableRandom random = new SplittableRandom(5);
        byte[] clean = picture();
        double worst = 1;
        for (int i = 0; i < 200; i++) {
            byte[] degraded = picture();
            all.apply(degraded, random);
            worst = Math.min(worst, correlation(clean, degraded));
        }
        // soft, faded and grainy, but the same picture: what the model must still recognise
        assertThat(worst).isGreaterThan(0.8);
    }

    @Test
    void refusesAShareOutsideZeroToOne() {
        assertThatThrownBy(() -> new OldPrintDegradation(0, S)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OldPrintDegradation(1.5, S)).isInstanceOf(IllegalArgumentException.class);
    }

    private static double correlation(byte[] a, byte[] b) {
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < a.length; i++) {
            ma += a[i] & 0xFF;
            mb += b[i] & 0xFF;
        }
        ma /= a.length;
        mb /= b.length;
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < a.length; i++) {
            double da = (a[i] & 0xFF) - ma;
            double db = (b[i] & 0xFF) - mb;
            ab += da * db;
            aa += da * da;
            bb += db * db;
        }
        return ab / Math.sqrt(aa * bb);
    }
}
