package dev.colorizer.video;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_clone;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;

import java.awt.image.BufferedImage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;

/**
 * A {@link VideoSink} fed from another thread: colored frames and copied packets are written, in the order they were
 * handed over, by one thread of its own, so that converting to YUV, encoding and muxing run beside the model. At most
 * {@link #QUEUED} items wait (bounded memory); the first failure of the writing thread is rethrown to the feeding one.
 */
final class BackgroundSink implements AutoCloseable {
    // frames and packets waiting to be written: at 1080p, about 8 MB a frame
    static final int QUEUED = 16;

    private final VideoSink sink;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "video-writer");
        t.setDaemon(true);
        return t;
    });
    private final Semaphore room = new Semaphore(QUEUED);
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private final AtomicLong nanos = new AtomicLong();

    BackgroundSink(VideoSink sink) {
        this.sink = sink;
    }

    /** Queues one colored frame. */
    void write(BufferedImage colored, long pts) {
        submit(() -> sink.write(colored, pts));
    }

    /** Queues a copy of one packet of another stream (the caller keeps its own). */
    void copy(AVPacket packet, AVStream from) {
        AVPacket own = av_packet_clone(packet);
        submit(() -> {
            try {
                sink.copy(own, from);
            } finally {
                av_packet_free(own);
            }
        });
    }

    /** Writes what is queued, flushes the encoder and ends the file; rethrows the writer's failure. */
    void finish() {
        submit(sink::finish);
        thread.shutdown();
        try {
            while (!thread.awaitTermination(1, TimeUnit.SECONDS)) {
                // a long film's last frames are still being encoded
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the video was being written", e);
        }
        rethrow();
    }

    /** The writing thread's time so far. */
    long nanos() {
        return nanos.get();
    }

    private void submit(Runnable task) {
        rethrow();
        try {
            room.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the video was being written", e);
        }
        thread.execute(() -> {
            try {
                if (failure.get() == null) {
                    long t = System.nanoTime();
                    task.run();
                    nanos.addAndGet(System.nanoTime() - t);
                }
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
            } finally {
                room.release();
            }
        });
    }

    private void rethrow() {
        RuntimeException e = failure.get();
        if (e != null) {
            throw e;
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(1, TimeUnit.MINUTES); // the sink is closed after: nothing may still use it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
