package dev.colorizer.data;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A seeded train/validation split of sample indices 0..count-1, in the spirit of scikit-learn's
 * {@code train_test_split(test_size=valFraction, random_state=seed)}: a Fisher-Yates shuffle driven by
 * {@link SplittableRandom}(seed), the first ceil(count * valFraction) shuffled indices are validation, the rest
 * train. The same (count, valFraction, seed) always gives the same split (not the same one as NumPy's generator).
 */
public final class Split {
    // count * fraction is computed in doubles: 0.7 * 10 = 7.000000000000001 must still give 7, not 8
    private static final double EPSILON = 1e-9;

    private final int[] train;
    private final int[] validation;

    private Split(int[] train, int[] validation) {
        this.train = train;
        this.validation = validation;
    }

    /**
     * Splits {@code count} indices. Validation gets ceil(count * valFraction) of them, but at least 1 when
     * valFraction > 0 and at most count - 1, so that neither side is empty once count >= 2; with count < 2 or
     * valFraction = 0 everything is train.
     *
     * @param valFraction in [0, 1)
     * @throws IllegalArgumentException if count < 0 or valFraction is outside [0, 1)
     */
    public static Split of(int count, double valFraction, long seed) {
        if (count < 0) {
            throw new IllegalArgumentException("sample count must be >= 0, got " + count);
        }
        if (!(valFraction >= 0.0 && valFraction < 1.0)) {
            throw new IllegalArgumentException(
                "validation fraction must be at least 0 and below 1 (e.g. 0.1 for 10%), got " + valFraction);
        }
        int validationCount = 0;
        if (valFraction > 0 && count >= 2) {
            int wanted = (int) Math.ceil(count * valFraction - EPSILON);
            validationCount = Math.max(1, Math.min(count - 1, wanted));
        }
        int[] order = new int[count];
        Arrays.setAll(order, i -> i);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = count - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] validation = Arrays.copyOfRange(order, 0, validationCount);
        int[] train = Arrays.copyOfRange(order, validationCount, count);
        Arrays.sort(validation);
        Arrays.sort(train);
        return new Split(train, validation);
    }

    /** Training indices, ascending (a copy). */
    public int[] train() {
        return train.clone();
    }

    /** Validation indices, ascending (a copy). */
    public int[] validation() {
        return validation.clone();
    }
}
