package dev.saferoll.migrations.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Runs a scenario's contestants alternately (A B C A B C): one warm-up round at the first size, then several
 * measured rounds per size, each trial prepared untimed on its own fresh database.
 */
final class Harness {

    static final String RAW = "raw JDBC";

    static final String FLYWAY = "Flyway";

    private final int rounds;

    private final StringBuilder report;

    Harness(int rounds, StringBuilder report) {
        this.rounds = rounds;
        this.report = report;
    }

    /** A contestant prepares one trial for a size; only {@link Trial#run()} is timed. */
    interface Contestant {

        String name();

        Trial prepare(int n) throws Exception;
    }

    interface Trial extends AutoCloseable {

        /** Does the timed work; returns the round trips it counted, or -1. */
        long run() throws Exception;

        @Override
        default void close() throws Exception {
        }
    }

    record Result(String contestant, int n, List<Long> nanos, long roundTrips) {

        double median() {
            List<Long> sorted = this.nanos.stream().sorted().toList();
            int middle = sorted.size() / 2;
            double value = (sorted.size() % 2 == 1) ? sorted.get(middle)
                    : (sorted.get(middle - 1) + sorted.get(middle)) / 2.0;
            return value / 1_000_000.0;
        }

        double min() {
            return this.nanos.stream().mapToLong(Long::longValue).min().orElse(0) / 1_000_000.0;
        }

        double max() {
            return this.nanos.stream().mapToLong(Long::longValue).max().orElse(0) / 1_000_000.0;
        }
    }

    /** Results by size, then by contestant in the order given. */
    Map<Integer, Map<String, Result>> run(String title, List<Integer> sizes, List<Contestant> contestants)
            throws Exception {
        log("== " + title);
        Map<Integer, Map<String, Result>> results = new LinkedHashMap<>();
        log("warm-up at N = " + sizes.get(0));
        for (Contestant contestant : contestants) {
            time(contestant, sizes.get(0));
        }
        for (int n : sizes) {
            Map<String, List<Long>> times = new LinkedHashMap<>();
            Map<String, Long> trips = new LinkedHashMap<>();
            for (int round = 1; round <= this.rounds; round++) {
                for (Contestant contestant : contestants) {
                    long[] measured = time(contestant, n);
                    times.computeIfAbsent(contestant.name(), (name) -> new ArrayList<>()).add(measured[0]);
                    trips.put(contestant.name(), measured[1]);
                    log(String.format(Locale.ROOT, "N=%d round %d %s: %.1f ms", n, round, contestant.name(),
                            measured[0] / 1_000_000.0));
                }
            }
            Map<String, Result> bySize = new LinkedHashMap<>();
            for (Contestant contestant : contestants) {
                bySize.put(contestant.name(), new Result(contestant.name(), n, times.get(contestant.name()),
                        trips.get(contestant.name())));
            }
            results.put(n, bySize);
        }
        table(title, results);
        return results;
    }

    // A shared server may end a connection under us (another process's pg_terminate_backend); such a trial is
    // repeated on a new database rather than losing the whole run.
    private static long[] time(Contestant contestant, int n) throws Exception {
        for (int attempt = 1;; attempt++) {
            try {
                return timeOnce(contestant, n);
            }
            catch (Exception ex) {
                if (attempt == 3) {
                    throw ex;
                }
                log("Trial of " + contestant.name() + " at N=" + n + " failed (" + ex + "); repeating it");
            }
        }
    }

    private static long[] timeOnce(Contestant contestant, int n) throws Exception {
        try (Trial trial = contestant.prepare(n)) {
            System.gc();
            long start = System.nanoTime();
            long trips = trial.run();
            return new long[] { System.nanoTime() - start, trips };
        }
    }

    private void table(String title, Map<Integer, Map<String, Result>> results) {
        StringBuilder out = new StringBuilder();
        out.append("\n### ").append(title).append("\n\n");
        out.append("| N | contestant | median ms | min ms | max ms | × raw JDBC | × Flyway | round trips |\n");
        out.append("|--:|:--|--:|--:|--:|--:|--:|--:|\n");
        results.forEach((n, bySize) -> bySize.values().forEach((result) -> {
            out.append(String.format(Locale.ROOT, "| %,d | %s | %.1f | %.1f | %.1f | %s | %s | %s |%n", n,
                    result.contestant(), result.median(), result.min(), result.max(), ratio(result, bySize.get(RAW)),
                    ratio(result, bySize.get(FLYWAY)), (result.roundTrips() >= 0) ? result.roundTrips() : "–"));
        }));
        List<Integer> sizes = new ArrayList<>(results.keySet());
        if (sizes.size() > 1) {
            out.append("\nGrowth (median of the larger size / median of the smaller):\n\n");
            out.append("| sizes | ");
            results.get(sizes.get(0)).keySet().forEach((name) -> out.append(name).append(" | "));
            out.append("\n|:--|");
            results.get(sizes.get(0)).keySet().forEach((name) -> out.append("--:|"));
            out.append('\n');
            for (int i = 1; i < sizes.size(); i++) {
                int small = sizes.get(i - 1);
                int large = sizes.get(i);
                out.append(String.format(Locale.ROOT, "| t(%,d)/t(%,d) | ", large, small));
                for (String name : results.get(small).keySet()) {
                    out.append(String.format(Locale.ROOT, "%.2f | ",
                            results.get(large).get(name).median() / results.get(small).get(name).median()));
                }
                out.append('\n');
            }
        }
        log(out.toString());
        this.report.append(out);
    }

    private static String ratio(Result result, @Nullable Result base) {
        if (base == null) {
            return "–";
        }
        return String.format(Locale.ROOT, "%.2f", result.median() / base.median());
    }

    static void log(String message) {
        System.out.println(message);
        System.out.flush();
    }
}
