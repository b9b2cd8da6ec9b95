package dev.recur.engine.parallel;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;

/**
 * A fixed set of daemon threads that run indexed tasks {@code 0..n-1} with the calling thread joining
 * in. Tasks are claimed dynamically, so each must write only its own outputs; callers that need
 * reproducible results combine those outputs afterwards in index order (which is what makes training
 * bit-identical whatever the thread count). Running a batch allocates nothing.
 *
 * <p>Each {@link #run} is a generation. Tasks are claimed from one atomic ticket holding the generation
 * in its high 32 bits and the next index in its low 32 bits, so a worker that is still finishing an
 * earlier generation can never claim (and run with the wrong function) an index of a later one.
 */
public final class WorkerPool implements AutoCloseable {

    private final Thread[] workers;
    private final AtomicLong ticket = new AtomicLong();
    private final AtomicInteger done = new AtomicInteger();
    private final Object lock = new Object();
    private IntConsumer task;
    private int taskCount;
    private int generation;
    private boolean closed;
    private volatile Throwable failure;

    /**
     * Starts {@code threads − 1} worker threads (the caller is the last one).
     *
     * @param threads total threads, at least 1
     */
    public WorkerPool(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        workers = new Thread[threads - 1];
        for (int i = 0; i < workers.length; i++) {
            Thread th = new Thread(this::workerLoop, "recur-worker-" + i);
            th.setDaemon(true);
            workers[i] = th;
            th.start();
        }
    }

    /** Total threads, the caller included. */
    public int threads() {
        return workers.length + 1;
    }

    /**
     * Runs {@code fn.accept(i)} for every {@code i} in {@code [0, n)} and returns when all are done.
     * Not reentrant: one {@code run} at a time.
     *
     * @throws RuntimeException the first failure of any task, rethrown in the caller
     */
    public void run(int n, IntConsumer fn) {
        if (n <= 0) {
            return;
        }
        if (workers.length == 0 || n == 1) {
            for (int i = 0; i < n; i++) {
                fn.accept(i);
            }
            return;
        }
        failure = null;
        int gen;
        synchronized (lock) {
            gen = ++generation;
            task = fn;
            taskCount = n;
            done.set(0);
            ticket.set((long) gen << 32);
            lock.notifyAll();
        }
        drain(gen, fn, n);
        synchronized (lock) {
            while (done.get() < n) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for workers", e);
                }
            }
        }
        Throwable f = failure;
        if (f != null) {
            if (f instanceof RuntimeException) {
                throw (RuntimeException) f;
            }
            if (f instanceof Error) {
                throw (Error) f;
            }
            throw new IllegalStateException(f);
        }
    }

    /** Claims and runs tasks of generation {@code gen} until none is left. */
    private void drain(int gen, IntConsumer fn, int n) {
        while (true) {
            long cur = ticket.get();
            if ((int) (cur >>> 32) != gen) {
                return;
            }
            int i = (int) cur;
            if (i >= n) {
                return;
            }
            if (!ticket.compareAndSet(cur, cur + 1)) {
                continue;
            }
            try {
                fn.accept(i);
            } catch (Throwable e) {
                if (failure == null) {
                    failure = e;
                }
            }
            if (done.incrementAndGet() == n) {
                synchronized (lock) {
                    lock.notifyAll();
                }
            }
        }
    }

    private void workerLoop() {
        int seen = 0;
        while (true) {
            IntConsumer fn;
            int n;
            int gen;
            synchronized (lock) {
                while (!closed && generation == seen) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (closed) {
                    return;
                }
                gen = generation;
                seen = gen;
                fn = task;
                n = taskCount;
            }
            drain(gen, fn, n);
        }
    }

    /** Stops the worker threads. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
    }
}
