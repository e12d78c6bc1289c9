package dev.colorizer.infer;

/**
 * The width × height a picture is resized to for the model: both multiples of the architecture's size multiple (its
 * poolings must divide them). A square one is S × S; one that keeps the picture's aspect ratio covers about S² pixels
 * (see {@link #keepingAspect}).
 */
public record WorkingShape(int width, int height) {
    public WorkingShape {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("a working shape needs positive sides, got " + width + "x" + height);
        }
    }

    /** The S × S shape (every picture squashed or stretched to a square, as the earlier releases did). */
    public static WorkingShape square(int s) {
        return new WorkingShape(s, s);
    }

    /**
     * The shape of a w × h picture at working size s that keeps its aspect ratio: about s² pixels, as the square
     * pictures the model was trained on (so objects keep the scale it learnt them at), each side rounded to a
     * multiple m, at least 2m (two poolings) and at most 2s (a panorama gets fewer pixels rather than a scale the
     * model never saw). A square picture gets s × s.
     */
    public static WorkingShape keepingAspect(int w, int h, int s, int m) {
        double ratio = (double) w / h;
        double width = s * Math.sqrt(ratio);
        double height = s / Math.sqrt(ratio);
        double shrink = Math.min(1, 2.0 * s / Math.max(width, height));
        return new WorkingShape(side(width * shrink, s, m), side(height * shrink, s, m));
    }

    private static int side(double exact, int s, int m) {
        int rounded = (int) Math.round(exact / m) * m;
        return Math.max(2 * m, Math.min(2 * s / m * m, rounded));
    }

    /** width × height. */
    public int pixels() {
        return width * height;
    }

    @Override
    public String toString() {
        return width + "x" + height;
    }
}
