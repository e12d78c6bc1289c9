package dev.colorizer.server;

import dev.colorizer.infer.WorkingShape;
import dev.colorizer.infer.Colorizer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Micro-batching: runs the model's forward passes for concurrent requests on a few worker threads. A worker takes
 * the oldest waiting picture, then up to {@code maxBatch - 1} more of the same working shape that arrive within
 * {@code wait} (with a zero wait: those already waiting), and runs them as one batch (N, C_in, sh, sw). With
 * {@code maxBatch} 1 every picture has its own pass. Pictures whose caller gave up (timed out) are skipped.
 */
final class Batcher implements AutoCloseable {
    /** A forward pass of prepared pictures of one working shape, (C_out, sh, sw) each: {@code Colorizer::forward}. */
    interface Forward {
        List<float[]> run(List<Colorizer.Prepared> pictures);
    }

    private record Job(Colorizer.Prepared picture, CompletableFuture<float[]> output) {
        WorkingShape shape() {
            return picture.shape();
        }
    }

    private final Forward forward;
    private final int maxBatch;
    private final long waitNanos;
    private final BlockingQueue<Job> queue;
    private final List<Thread> workers = new ArrayList<>();

    /** @param capacity the most pictures ever waiting; the server admits no more requests than this */
    Batcher(Forward forward, int workers, int maxBatch, Duration wait, int capacity) {
        this.forward = forward;
        this.maxBatch = maxBatch;
        this.waitNanos = wait.toNanos();
        this.queue = new ArrayBlockingQueue<>(capacity);
        for (int i = 0; i < workers; i++) {
            Thread worker = new Thread(this::work, "colorize-worker-" + i);
            worker.setDaemon(true);
            worker.start();
            this.workers.add(worker);
        }
    }

    /**
     * Queues one prepared picture; the future gets its model outputs (C_out, sh, sw). Cancel the future to give up:
     * a picture not yet started is then skipped.
     */
    CompletableFuture<float[]> submit(Colorizer.Prepared picture) {
        Job job = new Job(picture, new CompletableFuture<>());
        if (!queue.offer(job)) {
            throw HttpProblem.busy("the server is busy with other pictures: try again in a moment");
        }
        return job.output();
    }

    private void work() {
        Job carried = null; // a picture of another shape that ended the previous batch: it starts the next
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Job first = carried != null ? carried : queue.take();
                carried = null;
                if (first.output().isDone()) {
                    continue;
                }
                List<Job> batch = new ArrayList<>(List.of(first));
                long deadline = System.nanoTime() + waitNanos;
                while (batch.size() < maxBatch) {
                    Job next = queue.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    if (next == null) {
                        break;
                    }
                    if (next.output().isDone()) {
                        continue;
                    }
                    if (!next.shape().equals(first.shape())) {
                        carried = next;
                        break;
                    }
                    batch.add(next);
                }
                run(batch);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closing
        }
    }

    private void run(List<Job> batch) {
        try {
            List<float[]> outputs = forward.run(batch.stream().map(Job::picture).toList()); // (C_out, sh, sw) each
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).output().complete(outputs.get(i));
            }
        } catch (RuntimeException e) {
            batch.forEach(job -> job.output().completeExceptionally(e));
        }
    }

    /**
     * Stops the workers, waiting (up to 30 s) for a pass in progress to end, so that the model can be freed after;
     * pictures still waiting fail.
     */
    @Override
    public void close() {
        workers.forEach(Thread::interrupt);
        List<Job> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(job -> job.output().completeExceptionally(new IllegalStateException("the server is stopping")));
        try {
            for (Thread worker : workers) {
                worker.join(30_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
