package dev.colorizer.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colorizer.data.ImageMetadata;
import dev.colorizer.data.Picture;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageCacheTest {
    @Test
    void idsAreHashesOfTheBytesIn22UrlSafeCharacters() {
        byte[] bytes = "a picture".getBytes(StandardCharsets.UTF_8);
        String id = ImageCache.id(bytes);
        assertThat(id).matches("[A-Za-z0-9_-]{22}").isEqualTo(ImageCache.id(bytes.clone()));
        assertThat(ImageCache.id("another picture".getBytes(StandardCharsets.UTF_8))).isNotEqualTo(id);
        assertThat(ImageCache.isId(id)).isTrue();
        assertThat(ImageCache.isId(id.substring(1))).isFalse();
        assertThat(ImageCache.isId("../../etc/passwd/x+y=zzzz")).isFalse();
        assertThat(ImageCache.isId("abcdefghijklmnopqrstu+")).isFalse();
    }

    @Test
    void theLeastRecentlyUsedPicturesGoFirstToStayWithinThePixelBound() {
        ImageCache cache = new ImageCache(3 * 100);
        Picture a = picture(10, 10);
        Picture b = picture(10, 10);
        assertThat(cache.put("a", a)).isTrue();
        assertThat(cache.put("b", b)).isTrue();
        assertThat(cache.put("c", picture(10, 10))).isTrue();
        assertThat(cache.get("a")).isSameAs(a); // now the most recently used: b is the least
        assertThat(cache.put("d", picture(20, 10))).isTrue(); // 200 pixels: b and c make room
        assertThat(cache.get("b")).isNull();
        assertThat(cache.get("c")).isNull();
        assertThat(cache.get("a")).isSameAs(a);
        assertThat(cache.pixels()).isEqualTo(300);
        assertThat(cache.put("a", a)).as("the same picture again takes no more room").isTrue();
        assertThat(cache.pixels()).isEqualTo(300);
        assertThat(cache.put("huge", picture(20, 20))).as("larger than the whole cache").isFalse();
        assertThat(cache.get("a")).as("nothing evicted for a picture not kept").isSameAs(a);
        assertThat(cache.get("d")).isNotNull();
    }

    @Test
    void atMostMaxPicturesAreKeptHoweverSmall() {
        ImageCache cache = new ImageCache(1_000_000);
        Picture pixel = picture(1, 1);
        for (int i = 0; i < ImageCache.MAX_PICTURES + 10; i++) {
            assertThat(cache.put("p" + i, pixel)).isTrue();
        }
        assertThat(cache.pixels()).isEqualTo(ImageCache.MAX_PICTURES);
        assertThat(cache.get("p9")).isNull();
        assertThat(cache.get("p10")).isSameAs(pixel);
    }

    @Test
    void aCacheOfZeroPixelsKeepsNothing() {
        assertThat(new ImageCache(0).put("a", picture(1, 1))).isFalse();
    }

    @Test
    void aSixteenBitPictureCountsItsGrayBesideItsPixels() {
        ImageCache cache = new ImageCache(300);
        Picture deep = new Picture(new BufferedImage(10, 10, BufferedImage.TYPE_INT_RGB), new int[100],
                ImageMetadata.NONE, List.of());
        assertThat(cache.put("deep", deep)).isTrue();
        assertThat(cache.pixels()).isEqualTo(200);
    }

    private static Picture picture(int w, int h) {
        return new Picture(new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB), null, ImageMetadata.NONE, List.of());
    }
}
