package dev.saferoll.migrations.database;

import java.time.Duration;
import java.util.Optional;

/**
 * Lets one runner at a time apply migrations to one history table. To implement one for another dialect, hold the
 * lock in a way that the database frees by itself when the holder dies: no lock table that can stay stuck after a
 * crash.
 */
public interface MigrationLock {

    /**
     * Takes the lock on a connection of its own, waiting at most {@code wait}.
     * @throws dev.saferoll.migrations.LockNotAcquiredException naming the holder when the wait runs out
     */
    Held acquire(Duration wait);

    /** Who holds the lock now, as far as the database tells; empty when nobody does. */
    Optional<String> holder();

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
