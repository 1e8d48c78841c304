package io.stockledger.command.api;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochRandomGenerator;

import java.util.UUID;

/**
 * The ids the service gives to what it creates (reservations, transfers): UUIDs of version 7, whose first 48 bits are
 * the creation time in milliseconds and whose other 74 bits are random, as RFC 9562 defines them.
 *
 * <p>Why not random (version 4) ids: each one is a key in several b-tree indexes written on every reservation (the
 * request registry's, the reservations' read model's, a lot hold's). A random key lands on a random leaf page, so a
 * table larger than the database's memory reads a page per insert and, after every checkpoint, logs a whole page
 * image per insert. A time-ordered key lands on the index's last pages, which stay in memory and are logged once per
 * checkpoint (docs/performance.md, "Reservation ids in time order").
 *
 * <p>The ids stay unguessable (74 random bits from a {@link java.security.SecureRandom}, drawn for each id); they do tell their
 * creation time to the millisecond, which every reservation's {@code created_at} tells anyway.
 */
public final class TimeOrderedIds {

    /**
     * Thread-safe. Every id gets fresh random bits, even within one millisecond: the library's monotonic variant adds
     * one to the previous id there, which would let a client that holds one reservation's id guess its neighbour's.
     */
    private static final TimeBasedEpochRandomGenerator GENERATOR = Generators.timeBasedEpochRandomGenerator();

    private TimeOrderedIds() {
    }

    /** A new id, ordered after every id made in an earlier millisecond (by this or any instance whose clock agrees). */
    public static UUID next() {
        return GENERATOR.generate();
    }
}
