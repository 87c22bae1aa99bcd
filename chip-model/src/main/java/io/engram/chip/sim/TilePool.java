package io.engram.chip.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * Evaluates the tiles of a layer in parallel. Each task touches only its own core (cells, counters, random streams)
 * and its own scratch buffers; results are committed afterwards in tile order, so the outcome is bit-identical for
 * any thread count. One pool per chip; no global state.
 */
final class TilePool implements AutoCloseable {
    private final int threads;
    private final ExecutorService exec;

    TilePool(int threads) {
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1: " + threads);
        this.threads = threads;
        this.exec = threads == 1 ? null : Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "engram-tiles");
            t.setDaemon(true);
            return t;
        });
    }

    int threads() { return threads; }

    /** Runs task(0..n-1), in parallel when the pool has threads, and waits for all of them. */
    void forEach(int n, IntConsumer task) {
        if (exec == null || n < 2) {
            for (int i = 0; i < n; i++) task.accept(i);
            return;
        }
        int chunks = Math.min(n, threads);
        List<Future<?>> fs = new ArrayList<>(chunks);
        for (int k = 0; k < chunks; k++) {
            int from = k * n / chunks;
            int to = (k + 1) * n / chunks;
            fs.add(exec.submit(() -> {
                for (int i = from; i < to; i++) task.accept(i);
            }));
        }
        for (Future<?> f : fs) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while evaluating tiles", e);
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                if (c instanceof RuntimeException re) throw re;
                if (c instanceof Error er) throw er;
                throw new IllegalStateException(c);
            }
        }
    }

    @Override
    public void close() {
        if (exec != null) exec.shutdownNow();
    }
}
