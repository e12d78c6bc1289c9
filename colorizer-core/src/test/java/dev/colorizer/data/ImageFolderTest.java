package dev.colorizer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.colorizer.ColorizerException;
import dev.colorizer.data.ImageFolder.Layout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderTest {
    @TempDir
    Path dir;

    @Test
    void pairedLayoutMatchesByNameInNaturalOrder() throws IOException {
        for (String n : new String[] {"10", "2", "1", "0"}) {
            touch("color/" + n + ".jpg");
            touch("gray/" + n + ".jpg");
        }
        touch("color/notes.txt");
        ImageFolder folder = ImageFolder.scan(dir);
        assertThat(folder.layout()).isEqualTo(Layout.PAIRED);
        assertThat(folder.dir()).isEqualTo(dir);
        assertThat(names(folder)).containsExactly("0.jpg", "1.jpg", "2.jpg", "10.jpg");
        assertThat(folder.pairs().get(3).color()).isEqualTo(dir.resolve("color/10.jpg"));
        assertThat(folder.pairs().get(3).gray()).isEqualTo(dir.resolve("gray/10.jpg"));
        assertThat(folder.pairs().get(3).grayDerived()).isFalse();
        assertThat(folder.problems()).containsExactly(
            "color/notes.txt is not a picture name (" + InputNames.PICTURE_NAMES + "): it is skipped");
    }

    @Test
    void missingGrayAndMissingColorAreProblemsNotErrors() throws IOException {
        touch("color/1.jpg");
        touch("gray/1.jpg");
        touch("color/7.jpg");
        touch("gray/8.jpg");
        ImageFolder folder = ImageFolder.scan(dir);
        assertThat(names(folder)).containsExactly("1.jpg");
        assertThat(folder.problems()).containsExactly(
            "gray/7.jpg missing for color/7.jpg: the pair is skipped; add the gray file or remove the color one",
            "color/8.jpg missing for gray/8.jpg: the gray file is ignored; add the color file or remove the gray one");
    }

    @Test
    void kaggleLayoutIsRecognised() throws IOException {
        touch("landscape Images/color/3.jpg");
        touch("landscape Images/gray/3.jpg");
        touch("landscape Images/color/4.jpg");
        ImageFolder folder = ImageFolder.scan(dir);
        assertThat(folder.layout()).isEqualTo(Layout.KAGGLE);
        assertThat(names(folder)).containsExactly("3.jpg");
        assertThat(folder.pairs().get(0).gray()).isEqualTo(dir.resolve("landscape Images/gray/3.jpg"));
        assertThat(folder.problems()).containsExactly("landscape Images/gray/4.jpg missing for "
            + "landscape Images/color/4.jpg: the pair is skipped; add the gray file or remove the color one");
    }

    @Test
    void colorImagesAnywhereUnderTheFolderGetDerivedGray() throws IOException {
        touch("b/img10.PNG");
        touch("b/img9.png");
        touch("a.jpeg");
        touch("readme.md");
        touch(".hidden/x.jpg");
        touch(".y.jpg");
        ImageFolder folder = ImageFolder.scan(dir);
        assertThat(folder.layout()).isEqualTo(Layout.COLOR_ONLY);
        assertThat(names(folder)).containsExactly("a.jpeg", "b/img9.png", "b/img10.PNG");
        assertThat(folder.pairs()).allSatisfy(p -> assertThat(p.grayDerived()).isTrue());
        // nothing skipped in silence: each entry not read is named with its reason
        assertThat(folder.problems()).containsExactlyInAnyOrder(
            ".hidden is a hidden folder " + InputNames.HIDDEN + ": it is not read; rename it to "
                + "train on its pictures",
            ".y.jpg is hidden " + InputNames.HIDDEN + ": it is skipped; rename it to train on it",
            "readme.md is not a picture name (" + InputNames.PICTURE_NAMES + "): it is skipped");
    }

    @Test
    void entriesThatAreNotRegularFilesAreNamed() throws Exception {
        touch("a.png");
        Files.createSymbolicLink(dir.resolve("gone.png"), dir.resolve("nothing-here.png"));
        new ProcessBuilder("mkfifo", dir.resolve("pipe.jpg").toString()).start().waitFor();
        ImageFolder folder = ImageFolder.scan(dir);
        assertThat(names(folder)).containsExactly("a.png");
        assertThat(folder.problems()).contains("gone.png is not a regular file (a link to nothing, a FIFO or a "
            + "device): it is skipped");
        if (Files.exists(dir.resolve("pipe.jpg"))) { // mkfifo is there on Linux and macOS
            assertThat(folder.problems()).contains("pipe.jpg is not a regular file (a link to nothing, a FIFO or a "
                + "device): it is skipped");
        }
    }

    @Test
    void colorFolderAloneIsColorOnly() throws IOException {
        touch("color/1.webp");
        touch("other/2.jpg"); // outside color/: not part of the dataset
        ImageFolder folder = ImageFolder.scan(dir);
        assertThat(folder.layout()).isEqualTo(Layout.COLOR_ONLY);
        assertThat(names(folder)).containsExactly("1.webp");
        assertThat(folder.pairs().get(0).color()).isEqualTo(dir.resolve("color/1.webp"));
    }

    @Test
    void naturalOrderComparesNumbersByValue() {
        List<String> names = new ArrayList<>(List.of("10.jpg", "2.jpg", "1.jpg", "img02.png", "img1.png", "B.jpg",
            "a.jpg", "001.jpg", "1.jpg.bak", "x100y2", "x100y10", "x99y"));
        names.sort(ImageFolder.NATURAL_ORDER);
        assertThat(names).containsExactly("001.jpg", "1.jpg", "1.jpg.bak", "2.jpg", "10.jpg", "a.jpg", "B.jpg",
            "img1.png", "img02.png", "x99y", "x100y2", "x100y10");
        assertThat(ImageFolder.NATURAL_ORDER.compare("01", "1")).isNotZero(); // total order, consistent with equals
    }

    @Test
    void emptyFolderIsAnError() {
        assertThatThrownBy(() -> ImageFolder.scan(dir)).isInstanceOf(ColorizerException.class)
            .hasMessageContaining(dir.toString()).hasMessageContaining("no images found")
            .hasMessageContaining("expected DIR/color + DIR/gray, DIR/landscape Images/color + gray, "
                + "or color images in DIR");
    }

    @Test
    void folderWithoutImagesIsAnError() throws IOException {
        touch("notes.txt");
        touch("color/readme.md");
        touch("gray/readme.md");
        assertThatThrownBy(() -> ImageFolder.scan(dir)).isInstanceOf(ColorizerException.class)
            .hasMessageContaining("no images found");
    }

    @Test
    void pairedFoldersWithNoCommonNameAreAnError() throws IOException {
        touch("color/1.jpg");
        touch("gray/2.jpg");
        assertThatThrownBy(() -> ImageFolder.scan(dir)).isInstanceOf(ColorizerException.class)
            .hasMessageContaining("no complete pair");
    }

    @Test
    void grayWithoutColorIsAnError() throws IOException {
        touch("gray/1.jpg");
        assertThatThrownBy(() -> ImageFolder.scan(dir)).isInstanceOf(ColorizerException.class)
            .hasMessageContaining("has gray/ but no color/");
    }

    @Test
    void missingFolderAndFileAreErrors() throws IOException {
        Path file = touch("a.jpg");
        assertThatThrownBy(() -> ImageFolder.scan(file)).isInstanceOf(ColorizerException.class)
            .hasMessageContaining("a.jpg").hasMessageContaining("not a folder");
        assertThatThrownBy(() -> ImageFolder.scan(dir.resolve("nope"))).isInstanceOf(ColorizerException.class)
            .hasMessageContaining("nope").hasMessageContaining("no such folder");
    }

    private Path touch(String relative) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, "not decoded by scan");
    }

    private static List<String> names(ImageFolder folder) {
        return folder.pairs().stream().map(ImagePair::name).toList();
    }
}
