package dev.colorizer.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.colorizer.infer.ColorHint;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComparisonGridTest {
    @Test
    void hintsAreMarkedOnACopyWhereTheyAre() {
        BufferedImage image = new BufferedImage(300, 200, BufferedImage.TYPE_INT_RGB); // black
        BufferedImage marked = ComparisonGrid.markHints(image, List.of(ColorHint.ofRgb(100, 50, 0xC83C28)));
        assertThat(image.getRGB(100, 50) & 0xFFFFFF).as("the original is untouched").isZero();
        int centre = marked.getRGB(100, 50);
        assertThat((centre >> 16 & 0xFF) - (centre & 0xFF)).as("a red dot at the hint").isGreaterThan(40);
        assertThat(marked.getRGB(100 + 300 / 60, 50) & 0xFF).as("in a white ring").isGreaterThan(200);
        assertThat(marked.getRGB(250, 150) & 0xFFFFFF).as("far away nothing changes").isZero();
    }

    private static final int CELL = 64;
    private static final int GAP = 6;

    private static BufferedImage solid(int w, int h, int rgb) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] pixels = new int[w * h];
        Arrays.fill(pixels, rgb);
        image.setRGB(0, 0, w, h, pixels, 0, w);
        return image;
    }

    private static BufferedImage sampleGrid() {
        List<List<BufferedImage>> rows = List.of(
            List.of(solid(150, 150, 0x808080), solid(150, 150, 0xC03020)),
            List.of(solid(200, 100, 0x2040E0), solid(50, 100, 0x10A040)));
        return ComparisonGrid.build(List.of("input", "a rather long model name that cannot fit"), rows, CELL);
    }

    @Test
    void hasTheDocumentedSize() {
        BufferedImage grid = sampleGrid();
        assertThat(grid.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
        assertThat(grid.getWidth()).isEqualTo(2 * CELL + 3 * GAP);
        int header = grid.getHeight() - (2 * CELL + 3 * GAP);
        assertThat(header).isBetween(GAP + 8, GAP + 40); // one line of text
    }

    @Test
    void cellsShowTheSourceColoursKeepingAspectRatio() {
        BufferedImage grid = sampleGrid();
        int header = grid.getHeight() - (2 * CELL + 3 * GAP);
        int row0 = header + GAP;
        int row1 = row0 + CELL + GAP;
        int col0 = GAP;
        int col1 = GAP + CELL + GAP;
        int mid = CELL / 2;
        assertThat(rgb(grid, col0 + mid, row0 + mid)).isEqualTo(0x808080);
        assertThat(rgb(grid, col1 + mid, row0 + mid)).isEqualTo(0xC03020);
        // 200x100 -> 64x32, centred vertically: white above and below
        assertThat(rgb(grid, col0 + mid, row1 + mid)).isEqualTo(0x2040E0);
        assertThat(rgb(grid, col0 + mid, row1 + 4)).isEqualTo(0xFFFFFF);
        // 50x100 -> 32x64, centred horizontally: white left and right
        assertThat(rgb(grid, col1 + mid, row1 + mid)).isEqualTo(0x10A040);
        assertThat(rgb(grid, col1 + 4, row1 + mid)).isEqualTo(0xFFFFFF);
        // gaps and corners stay white
        assertThat(rgb(grid, 0, grid.getHeight() - 1)).isEqualTo(0xFFFFFF);
        assertThat(rgb(grid, col0 + CELL + GAP / 2, row0 + mid)).isEqualTo(0xFFFFFF);
    }

    @Test
    void aRowOfWidePicturesIsAsTallAsThePicturesNotTheCell() {
        BufferedImage grid = ComparisonGrid.build(List.of("a", "b"),
                List.of(List.of(solid(200, 100, 0x2040E0), solid(300, 100, 0x10A040))), CELL);
        int header = grid.getHeight() - (CELL / 2 + 2 * GAP); // the taller of 64x32 and 64x21
        assertThat(header).isBetween(GAP + 8, GAP + 40);
        assertThat(rgb(grid, GAP + CELL / 2, header + GAP + CELL / 4)).isEqualTo(0x2040E0);
    }

    @Test
    void headerHasTitleInk() {
        BufferedImage grid = sampleGrid();
        int header = grid.getHeight() - (2 * CELL + 3 * GAP);
        boolean ink = false;
        for (int y = 0; y < header && !ink; y++) {
            for (int x = 0; x < GAP + CELL && !ink; x++) {
                ink = rgb(grid, x, y) != 0xFFFFFF;
            }
        }
        assertThat(ink).as("dark pixels of the first title").isTrue();
    }

    @Test
    void nullImageLeavesAnEmptyCell() {
        BufferedImage grid = ComparisonGrid.build(List.of("a", "b"),
            List.of(Arrays.asList(solid(10, 10, 0x000000), null)), 32);
        int header = grid.getHeight() - (32 + 2 * GAP);
        assertThat(rgb(grid, GAP + 16, header + GAP + 16)).isEqualTo(0x000000);
        assertThat(rgb(grid, 2 * GAP + 32 + 16, header + GAP + 16)).isEqualTo(0xFFFFFF);
    }

    @Test
    void rejectsRowsOfTheWrongLength() {
        assertThatThrownBy(() -> ComparisonGrid.build(List.of("a", "b"), List.of(List.of(solid(2, 2, 0))), 16))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 0");
    }

    @Test
    void writesPngAtomicallyIntoNewFolders(@TempDir Path dir) throws IOException {
        BufferedImage grid = sampleGrid();
        Path file = dir.resolve("nested/deeper/grid.png");
        ComparisonGrid.writePng(grid, file);
        ComparisonGrid.writePng(grid, file); // replaces the existing file

        BufferedImage read = ImageIO.read(file.toFile());
        assertThat(read.getWidth()).isEqualTo(grid.getWidth());
        assertThat(read.getHeight()).isEqualTo(grid.getHeight());
        assertThat(rgb(read, GAP + CELL / 2, grid.getHeight() - GAP - CELL - GAP - CELL / 2)).isEqualTo(0x808080);
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }

    private static int rgb(BufferedImage image, int x, int y) {
        return image.getRGB(x, y) & 0xFFFFFF;
    }

    @Test
    void stackedSheetsKeepTheirPixelsOneUnderAnother() {
        BufferedImage top = new BufferedImage(10, 4, BufferedImage.TYPE_INT_RGB);
        BufferedImage bottom = new BufferedImage(6, 3, BufferedImage.TYPE_INT_RGB);
        top.setRGB(0, 0, 0xFF0000);
        bottom.setRGB(0, 0, 0x00FF00);
        BufferedImage stacked = ComparisonGrid.stack(List.of(top, bottom));
        assertThat(stacked.getWidth()).isEqualTo(10);
        assertThat(stacked.getHeight()).isEqualTo(7);
        assertThat(stacked.getRGB(0, 0) & 0xFFFFFF).isEqualTo(0xFF0000);
        assertThat(stacked.getRGB(2, 4) & 0xFFFFFF).isEqualTo(0x00FF00); // centred: (10 - 6) / 2
        assertThat(stacked.getRGB(0, 4) & 0xFFFFFF).isEqualTo(0xFFFFFF); // white beside the narrower sheet
    }
}
