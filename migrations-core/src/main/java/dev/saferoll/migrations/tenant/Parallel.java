package dev.saferoll.migrations.tenant;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import dev.saferoll.migrations.MigrationException;
import dev.saferoll.migrations.MigrationException.ErrorCode;

/** Work over many tenants on a bounded pool of daemon threads, one pool per call, named after the fan-out. */
final class Parallel {

    private static final AtomicInteger pools = new AtomicInteger();

    private Parallel() {
    }

    /** Applies {@code work} to every item, {@code parallelism} at a time; the results keep the items' order. */
    static <T, R> List<@Nullable R> map(List<T> items, int parallelism, Function<T, @Nullable R> work) {
        if (items.isEmpty()) {
            return new ArrayList<>();
        }
        int threads = Math.min(parallelism, items.size());
        ExecutorService executor = Executors.newFixedThreadPool(threads, threadFactory());
        try {
            List<Future<@Nullable R>> futures = new ArrayList<>(items.size());
            for (T item : items) {
                futures.add(executor.submit(() -> work.apply(item)));
            }
            List<@Nullable R> results = new ArrayList<>(items.size());
            for (Future<@Nullable R> future : futures) {
                results.add(future.get());
            }
            return results;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new MigrationException(ErrorCode.EXECUTION_FAILED, "Interrupted while migrating tenants", ex);
        }
        catch (ExecutionException ex) {
            Throwable cause = ex.getCause();
            throw (cause instanceof RuntimeException runtime) ? runtime
                    : new MigrationException(ErrorCode.EXECUTION_FAILED, "A tenant's run failed: " + cause, cause);
        }
        finally {
            executor.shutdownNow();
        }
    }

    private static ThreadFactory threadFactory() {
        int pool = pools.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        return (runnable) -> {
            Thread thread = new Thread(runnable, "saferoll-tenants-" + pool + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
