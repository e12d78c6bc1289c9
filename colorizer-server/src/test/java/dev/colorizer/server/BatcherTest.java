package dev.colorizer.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.colorizer.infer.Colorizer;
import dev.colorizer.infer.WorkingShape;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The batcher with a fake forward pass that doubles its inputs and records the batches it saw. */
class BatcherTest {
    private final List<String> batches = new CopyOnWriteArrayList<>(); // "n@WxH" per pass
    private final CountDownLatch entered = new CountDownLatch(1); // a pass has started
    private final CountDownLatch release = new CountDownLatch(1);

    private List<float[]> doubled(List<Colorizer.Prepared> pictures) {
        batches.add(pictures.size() + "@" + pictures.get(0).shape());
        List<float[]> out = new ArrayList<>();
        for (Colorizer.Prepared picture : pictures) {
            float[] doubled = picture.input().clone();
            for (int i = 0; i < doubled.length; i++) {
                doubled[i] *= 2;
            }
            out.add(doubled);
        }
        return out;
    }

    // a prepared picture of the given model input (the picture itself is not needed by the batcher)
    private static Colorizer.Prepared picture(float[] input, WorkingShape shape) {
        return new Colorizer.Prepared(null, null, shape, input, List.of());
    }

    // the first pass blocks until released, so that the next pictures queue up behind it
    private List<float[]> doubledAfterRelease(List<Colorizer.Prepared> pictures) {
        entered.countDown();
        try {
            release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return doubled(pictures);
    }

    private static float[] input(int s, float value) {
        float[] x = new float[s * s];
        java.util.Arrays.fill(x, value);
        return x;
    }

    @Test
    void waitingPicturesOfOneSizeShareAPassAndEachGetsItsOwnOutput() throws Exception {
        try (Batcher batcher = new Batcher(this::doubledAfterRelease, 1, 4, Duration.ZERO, 16)) {
            CompletableFuture<float[]> first = batcher.submit(picture(input(2, 1), WorkingShape.square(2)));
            entered.await(); // the worker holds the first picture and blocks
            List<CompletableFuture<float[]>> rest = new ArrayList<>();
            for (int i = 2; i <= 6; i++) {
                rest.add(batcher.submit(picture(input(2, i), WorkingShape.square(2))));
            }
            release.countDown();
            assertThat(first.get(5, TimeUnit.SECONDS)).containsOnly(2f);
            for (int i = 0; i < rest.size(); i++) {
                assertThat(rest.get(i).get(5, TimeUnit.SECONDS)).hasSize(4).containsOnly(2f * (i + 2));
            }
            assertThat(batches).containsExactly("1@2x2", "4@2x2", "1@2x2"); // at most 4 a pass
        }
    }

    @Test
    void picturesOfAnotherShapeGoToTheirOwnPass() throws Exception {
        try (Batcher batcher = new Batcher(this::doubledAfterRelease, 1, 8, Duration.ZERO, 16)) {
            batcher.submit(picture(input(2, 1), WorkingShape.square(2)));
            entered.await();
            CompletableFuture<float[]> a = batcher.submit(picture(input(2, 1), WorkingShape.square(2)));
            CompletableFuture<float[]> b = batcher.submit(picture(input(4, 1), WorkingShape.square(4)));
            CompletableFuture<float[]> c = batcher.submit(picture(input(4, 1), WorkingShape.square(4)));
            CompletableFuture<float[]> d = batcher.submit(picture(new float[8], new WorkingShape(4, 2)));
            release.countDown();
            CompletableFuture.allOf(a, b, c, d).get(5, TimeUnit.SECONDS);
            assertThat(b.get()).hasSize(16);
            assertThat(d.get()).hasSize(8);
            assertThat(batches).containsExactly("1@2x2", "1@2x2", "2@4x4", "1@4x2");
        }
    }

    @Test
    void aWaitGathersPicturesThatArriveWithinIt() throws Exception {
        try (Batcher batcher = new Batcher(this::doubled, 1, 8, Duration.ofSeconds(1), 16)) {
            CompletableFuture<float[]> a = batcher.submit(picture(input(2, 1), WorkingShape.square(2)));
            Thread.sleep(50);
            CompletableFuture<float[]> b = batcher.submit(picture(input(2, 1), WorkingShape.square(2)));
            CompletableFuture.allOf(a, b).get(5, TimeUnit.SECONDS);
            assertThat(batches).containsExactly("2@2x2");
        }
    }

    @Test
    void withoutBatchingEachPictureHasItsOwnPass() throws Exception {
        try (Batcher batcher = new Batcher(this::doubledAfterRelease, 1, 1, Duration.ofSeconds(1), 16)) {
            List<CompletableFuture<float[]>> all = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                all.add(batcher.submit(picture(input(2, i), WorkingShape.square(2))));
            }
            release.countDown();
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
            assertThat(batches).containsExactly("1@2x2", "1@2x2", "1@2x2");
        }
    }

    @Test
    void givenUpPicturesAreSkippedAndFailuresReachTheirCallers() throws Exception {
        try (Batcher batcher = new Batcher(this::doubledAfterRelease, 1, 8, Duration.ZERO, 16)) {
            batcher.submit(picture(input(2, 1), WorkingShape.square(2)));
            entered.await();
            batcher.submit(picture(input(2, 1), WorkingShape.square(2))).cancel(false); // its caller timed out
            CompletableFuture<float[]> kept = batcher.submit(picture(input(2, 3), WorkingShape.square(2)));
            release.countDown();
            assertThat(kept.get(5, TimeUnit.SECONDS)).containsOnly(6f);
            assertThat(batches).containsExactly("1@2x2", "1@2x2");
        }
        Batcher.Forward broken = pictures -> {
            throw new IllegalStateException("native failure");
        };
        try (Batcher batcher = new Batcher(broken, 1, 8, Duration.ZERO, 16)) {
            assertThatThrownBy(() -> batcher.submit(picture(input(2, 1), WorkingShape.square(2)))
                    .get(5, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasRootCauseMessage("native failure");
        }
    }

    @Test
    void aFullQueueRefusesWithBusy() throws Exception {
        try (Batcher batcher = new Batcher(this::doubledAfterRelease, 1, 1, Duration.ZERO, 2)) {
            batcher.submit(picture(input(2, 1), WorkingShape.square(2)));
            entered.await(); // taken by the worker: the queue is empty again
            batcher.submit(picture(input(2, 1), WorkingShape.square(2)));
            batcher.submit(picture(input(2, 1), WorkingShape.square(2)));
            assertThatThrownBy(() -> batcher.submit(picture(input(2, 1), WorkingShape.square(2))))
                    .isInstanceOf(HttpProblem.class)
                    .hasMessageContaining("busy");
            release.countDown();
        }
    }
}
