package dev.colorizer.server;

import java.util.concurrent.Semaphore;

/**
 * Bounds the work in the server: at most {@code maxRequests} requests at once, and their decoded pictures at most
 * {@code pixelBudget} pixels together. Nothing waits for a permit: a request that finds none is answered 503 at
 * once, so memory and queues stay bounded however many clients come.
 */
final class Admission {
    private final Semaphore requests;
    private final Semaphore pixels;

    Admission(int maxRequests, long pixelBudget) {
        this.requests = new Semaphore(maxRequests);
        this.pixels = new Semaphore(Math.toIntExact(pixelBudget));
    }

    /** Admits a request, or throws 503 busy; close the ticket when the answer is ready. */
    Ticket enter() {
        if (!requests.tryAcquire()) {
            throw HttpProblem.busy("the server is busy with other pictures: try again in a moment");
        }
        return new Ticket();
    }

    /** One admitted request and the pixels it holds. */
    final class Ticket implements AutoCloseable {
        private int held;
        private boolean closed;

        private Ticket() {}

        /** Reserves room for a decoded picture of {@code count} pixels (at most the budget), or throws 503 busy. */
        void reserve(long count) {
            int n = Math.toIntExact(count);
            if (!pixels.tryAcquire(n)) {
                throw HttpProblem.busy("the server is busy with other large pictures: try again in a moment");
            }
            held += n;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                pixels.release(held);
                requests.release();
            }
        }
    }
}
