package dev.recur.plugin.cli;

import dev.recur.connectors.csv.CsvOptions;
import dev.recur.connectors.csv.CsvSeriesReader;
import dev.recur.connectors.series.SeriesData;
import dev.recur.engine.series.TimeSeries;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code recur bench-read}: CSV reading throughput, rows per second, over repeated reads of one file. */
@Command(name = "bench-read",
        mixinStandardHelpOptions = true,
        description = "Measures how fast a CSV file of series is read (parsed, sorted, regularised): rows per second, "
                + "best of several reads; and the heap per row the result holds and the heap's peak during a read "
                + "(sum of the pools' peaks, an upper bound). The last line ends in rows_per_s=N.",
        footer = {"", "Example (bench/csv-read.sh generates a 10 M-row long-format file):",
            "  recur bench-read target/long-10m.csv --repeat 3"})
public final class BenchReadCommand implements Callable<Integer> {

    @Mixin
    ConsoleOptions console = new ConsoleOptions();

    @Parameters(index = "0", paramLabel = "FILE", description = "the CSV file")
    Path file;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "3", description = "reads (default ${DEFAULT-VALUE}); the best is reported")
    int repeat;

    /** Creates the command. */
    public BenchReadCommand() {
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    @Override
    public Integer call() {
        if (repeat < 1) {
            throw new IllegalArgumentException("--repeat must be at least 1, got " + repeat);
        }
        double best = Double.MAX_VALUE;
        long rows = 0;
        int series = 0;
        for (int r = 0; r < repeat; r++) {
            long t0 = System.nanoTime();
            SeriesData d = new CsvSeriesReader(CsvOptions.defaults().withStrict(true)).read(file);
            double s = (System.nanoTime() - t0) / 1e9;
            best = Math.min(best, s);
            rows = 0;
            for (TimeSeries ts : d.series()) {
                rows += ts.length();
            }
            series = d.series().size();
        }
        // Memory: heap held by the result, and the heap's peak during one more read, both per row.
        System.gc();
        long before = usedHeap();
        for (java.lang.management.MemoryPoolMXBean pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        SeriesData kept = new CsvSeriesReader(CsvOptions.defaults().withStrict(true)).read(file);
        long peak = 0;
        for (java.lang.management.MemoryPoolMXBean pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == java.lang.management.MemoryType.HEAP && pool.getPeakUsage() != null) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.gc();
        long held = usedHeap() - before;
        System.out.printf(Locale.ROOT, "file=%s series=%d rows=%d held_bytes_per_row=%.1f peak_heap_bytes_per_row=%.1f%n",
                file.getFileName(), kept.series().size(), rows, held / (double) rows, (peak - before) / (double) rows);
        System.out.printf(Locale.ROOT, "file=%s series=%d rows=%d best_s=%.2f rows_per_s=%.0f%n", file.getFileName(),
                series, rows, best, rows / best);
        return 0;
    }
}
