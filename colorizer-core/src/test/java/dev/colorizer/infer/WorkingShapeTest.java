package dev.colorizer.infer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WorkingShapeTest {
    @Test
    void aSquarePictureGetsTheWorkingSizeAndOthersKeepTheirProportionsAtAboutThatManyPixels() {
        assertThat(WorkingShape.keepingAspect(150, 150, 128, 16)).isEqualTo(new WorkingShape(128, 128));
        assertThat(WorkingShape.keepingAspect(4000, 4000, 128, 16)).isEqualTo(new WorkingShape(128, 128));
        assertThat(WorkingShape.keepingAspect(256, 128, 128, 16)).isEqualTo(new WorkingShape(176, 96));
        assertThat(WorkingShape.keepingAspect(128, 256, 128, 16)).isEqualTo(new WorkingShape(96, 176));
        WorkingShape photo = WorkingShape.keepingAspect(3000, 2000, 128, 16); // 3:2
        assertThat(photo).isEqualTo(new WorkingShape(160, 112));
        assertThat(photo.pixels()).isBetween(128 * 128 * 9 / 10, 128 * 128 * 11 / 10);
        assertThat(WorkingShape.keepingAspect(720, 360, 64, 8)).isEqualTo(new WorkingShape(88, 48));
    }

    @Test
    void extremeProportionsStayWithinTwiceTheSizeAndTwoPoolings() {
        WorkingShape panorama = WorkingShape.keepingAspect(10_000, 1_000, 128, 16);
        assertThat(panorama.width()).isEqualTo(256);
        assertThat(panorama.height()).isEqualTo(32);
        WorkingShape strip = WorkingShape.keepingAspect(1, 5_000, 128, 16);
        assertThat(strip.width()).isEqualTo(32);
        assertThat(strip.height()).isEqualTo(256);
        for (int w = 1; w < 3000; w += 37) {
            WorkingShape shape = WorkingShape.keepingAspect(w, 1000, 96, 16);
            assertThat(shape.width() % 16).isZero();
            assertThat(shape.height() % 16).isZero();
            assertThat(Math.max(shape.width(), shape.height())).isLessThanOrEqualTo(192);
        }
    }
}
