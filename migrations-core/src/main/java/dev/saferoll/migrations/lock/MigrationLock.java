package dev.saferoll.migrations.lock;

import java.time.Duration;

/**
 * Lets one runner at a time apply migrations. To implement one for another dialect, hold the lock in a way that the
 * database frees by itself when the holder dies: no lock table that can stay stuck after a crash.
 */
@FunctionalInterface
public interface MigrationLock {

    /**
     * Takes the lock, waiting at most {@code wait}.
     * @throws LockNotAcquiredException naming the holder when the wait runs out
     */
    Held acquire(Duration wait);

    /** A lock that is held; closing it releases the lock. */
    interface Held extends AutoCloseable {

        /**
         * Checks that the lock is still held.
         * @throws dev.saferoll.migrations.MigrationException if it was lost (its connection ended)
         */
        void verify();

        /** Releases the lock. Never throws. */
        @Override
        void close();
    }
}
