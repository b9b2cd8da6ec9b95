package dev.recur.engine.parallel;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Back-to-back generations with different task functions and sizes: every index of every run is executed
 * exactly once, by that run's function. (A worker that lingers in one generation must not claim the
 * next one's tasks; that bug lost tasks, hanging the caller, or ran them with the wrong function.)
 */
class WorkerPoolTest {

    @Test
    void everyTaskOfEveryGenerationRunsExactlyOnceWithItsOwnFunction() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            try (WorkerPool pool = new WorkerPool(3)) {
                int[][] hits = new int[2][8];
                AtomicInteger wrong = new AtomicInteger();
                int[] current = new int[1];
                IntConsumer a = i -> {
                    if (current[0] != 0) {
                        wrong.incrementAndGet();
                    }
                    hits[0][i]++;
                };
                IntConsumer b = i -> {
                    if (current[0] != 1) {
                        wrong.incrementAndGet();
                    }
                    hits[1][i]++;
                };
                for (int round = 0; round < 200_000; round++) {
                    int which = round % 3 == 0 ? 1 : 0;
                    int n = 2 + (round * 7) % 7;
                    current[0] = which;
                    for (int[] h : hits) {
                        java.util.Arrays.fill(h, 0);
                    }
                    pool.run(n, which == 0 ? a : b);
                    for (int i = 0; i < 8; i++) {
                        assertEquals(i < n ? 1 : 0, hits[which][i], "round " + round + " index " + i);
                        assertEquals(0, hits[1 - which][i], "round " + round + ": the other function ran");
                    }
                }
                assertEquals(0, wrong.get());
            }
        });
    }

    @Test
    void aFailingTaskIsRethrownInTheCaller() {
        try (WorkerPool pool = new WorkerPool(2)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> pool.run(4, i -> {
                if (i == 2) {
                    throw new IllegalStateException("task 2 failed");
                }
            }));
            assertEquals("task 2 failed", e.getMessage());
            AtomicInteger count = new AtomicInteger();
            pool.run(5, i -> count.incrementAndGet());
            assertEquals(5, count.get(), "the pool still works after a failure");
        }
    }
}
