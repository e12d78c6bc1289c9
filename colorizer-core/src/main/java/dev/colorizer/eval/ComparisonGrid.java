package dev.colorizer.eval;

import dev.colorizer.ColorizerException;
import dev.colorizer.color.Lab;
import dev.colorizer.infer.ColorHint;
import dev.colorizer.io.AtomicFiles;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/** Side-by-side comparison sheets: a titled column per method, a row per photo. Pure Java2D, works headless. */
public final class ComparisonGrid {
    private static final int GAP = 6; // px between cells and around the border
    private static final Color TEXT = new Color(0x202020);

    private ComparisonGrid() {
    }

    /**
     * White TYPE_INT_RGB sheet: a header row with the column titles (centred, shortened with "..." if wider than a
     * cell), then one row of cells per entry of rows. Each row holds one image per column (null: an empty cell); each
     * image is scaled to fit cellSize x cellSize keeping its aspect ratio, centred in its cell. A row is as tall as its
     * tallest scaled image (cellSize when it has none), so wide pictures do not leave white bands. Size:
     * width = cols * cellSize + (cols + 1) * GAP, height = header + the rows' heights + (rows + 1) * GAP.
     */
    public static BufferedImage build(List<String> columnTitles, List<List<BufferedImage>> rows, int cellSize) {
        int cols = columnTitles.size();
        if (cols == 0 || cellSize <= 0) {
            throw new IllegalArgumentException("a grid needs at least one column and a positive cell size, got "
                + cols + " columns of " + cellSize + " px");
        }
        for (int r = 0; r < rows.size(); r++) {
            if (rows.get(r).size() != cols) {
                throw new IllegalArgumentException("row " + r + " has " + rows.get(r).size() + " images for "
                    + cols + " column titles");
            }
        }
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(11, Math.min(20, cellSize / 10)));
        FontMetrics metrics = measure(font);
        int header = GAP + metrics.getHeight();
        int width = cols * cellSize + (cols + 1) * GAP;
        int[] rowHeights = new int[rows.size()];
        int height = header + (rows.size() + 1) * GAP;
        for (int r = 0; r < rows.size(); r++) {
            rowHeights[r] = rows.get(r).stream().filter(java.util.Objects::nonNull)
                    .mapToInt(image -> fitted(image, cellSize)[1]).max().orElse(cellSize);
            height += rowHeights[r];
        }

        BufferedImage sheet = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setFont(font);
            g.setColor(TEXT);
            for (int c = 0; c < cols; c++) {
                String title = fit(columnTitles.get(c), metrics, cellSize);
                int x = GAP + c * (cellSize + GAP) + (cellSize - metrics.stringWidth(title)) / 2;
                g.drawString(title, x, GAP + metrics.getAscent());
            }
            int top = header + GAP;
            for (int r = 0; r < rows.size(); r++) {
                for (int c = 0; c < cols; c++) {
                    BufferedImage image = rows.get(r).get(c);
                    if (image != null) {
                        drawFitted(g, image, GAP + c * (cellSize + GAP), top, cellSize, rowHeights[r]);
                    }
                }
                top += rowHeights[r] + GAP;
            }
        } finally {
            g.dispose();
        }
        return sheet;
    }

    /**
     * A copy of {@code image} with each hint drawn where it is: a dot of its chroma (at lightness 60) in a white and
     * black ring, about 1/30 of the longer side across, so the grid shows where the colors were given.
     */
    public static BufferedImage markHints(BufferedImage image, List<ColorHint> hints) {
        BufferedImage marked = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = marked.createGraphics();
        g.drawImage(image, 0, 0, null);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        int r = Math.max(3, Math.max(image.getWidth(), image.getHeight()) / 60);
        for (ColorHint hint : hints) {
            int x = (int) Math.round(hint.x());
            int y = (int) Math.round(hint.y());
            g.setColor(Color.BLACK);
            g.fillOval(x - r - 2, y - r - 2, 2 * r + 4, 2 * r + 4);
            g.setColor(Color.WHITE);
            g.fillOval(x - r - 1, y - r - 1, 2 * r + 2, 2 * r + 2);
            g.setColor(new Color(Lab.labToRgb(60, hint.a(), hint.b())));
            g.fillOval(x - r + 1, y - r + 1, 2 * r - 2, 2 * r - 2);
        }
        g.dispose();
        return marked;
    }

    /**
     * Sheets one under another on white, each centred: (max width) × (sum of heights); e.g. the grids of two sets.
     */
    public static BufferedImage stack(List<BufferedImage> sheets) {
        if (sheets.isEmpty()) {
            throw new IllegalArgumentException("nothing to stack");
        }
        int width = sheets.stream().mapToInt(BufferedImage::getWidth).max().orElseThrow();
        int height = sheets.stream().mapToInt(BufferedImage::getHeight).sum();
        BufferedImage stacked = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = stacked.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            int y = 0;
            for (BufferedImage sheet : sheets) {
                g.drawImage(sheet, (width - sheet.getWidth()) / 2, y, null);
                y += sheet.getHeight();
            }
        } finally {
            g.dispose();
        }
        return stacked;
    }

    /**
     * Writes the image as PNG, atomically: into a temporary file in the same folder, then renamed over file.
     * Creates missing parent folders. I/O failures (read-only folder, full disk) throw {@link ColorizerException}.
     */
    public static void writePng(BufferedImage image, Path file) {
        try {
            AtomicFiles.writeFile(file, AtomicFiles.Durability.RENAMED, temp -> {
                if (!ImageIO.write(image, "png", temp.toFile())) {
                    throw new IOException("no PNG writer for image type " + image.getType());
                }
            });
        } catch (IOException e) {
            throw new ColorizerException(file, "cannot write PNG (" + e.getMessage()
                    + "): check that the folder is writable and the disk has space", e);
        }
    }

    // metrics of the font without a sheet to draw on yet
    private static FontMetrics measure(Font font) {
        Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            return g.getFontMetrics(font);
        } finally {
            g.dispose();
        }
    }

    // the title, cut and ended with "..." when wider than maxWidth
    private static String fit(String title, FontMetrics metrics, int maxWidth) {
        if (metrics.stringWidth(title) <= maxWidth) {
            return title;
        }
        for (int end = title.length() - 1; end > 0; end--) {
            String cut = title.substring(0, end) + "...";
            if (metrics.stringWidth(cut) <= maxWidth) {
                return cut;
            }
        }
        return "";
    }

    // image scaled to fit size x size keeping aspect ratio (at least 1 px a side), centred in the cell at (x, y)
    // the image's width and height scaled to fit size x size, keeping its aspect ratio
    private static int[] fitted(BufferedImage image, int size) {
        double scale = Math.min((double) size / image.getWidth(), (double) size / image.getHeight());
        return new int[] {Math.max(1, (int) Math.round(image.getWidth() * scale)),
                Math.max(1, (int) Math.round(image.getHeight() * scale))};
    }

    // the image fitted into a size-wide cell of a rowHeight-tall row, centred
    private static void drawFitted(Graphics2D g, BufferedImage image, int x, int y, int size, int rowHeight) {
        int[] wh = fitted(image, size);
        g.drawImage(image, x + (size - wh[0]) / 2, y + (rowHeight - wh[1]) / 2, wh[0], wh[1], null);
    }
}
