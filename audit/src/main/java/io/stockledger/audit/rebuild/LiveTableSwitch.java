package io.stockledger.audit.rebuild;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.TransactionStatus;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Puts the rebuilt copies ({@link ShadowTables}) in the live tables' place, inside the switch's transaction, which
 * holds the read-model processor's token rows (so no batch writes meanwhile) and commits the new tokens with it.
 * Two ways, both atomic, both leaving the live tables as they were if the transaction fails:
 *
 * <ul>
 *   <li><b>{@link Method#SWAPPED}</b>, the usual one: each live table is dropped and its copy, complete with the same
 *   indexes, constraints, storage settings and grants, moved into the live schema. It takes milliseconds however
 *   large the tables are, and leaves no dead rows behind. Dropping a table needs it to oneself, so readers wait for
 *   the commit, and the switch waits for readers at most {@link #LOCK_WAIT} per table: a long export, say, makes it
 *   copy instead of holding every reader queued behind it.</li>
 *   <li><b>{@link Method#COPIED}</b>, when a swap would wait longer than that, or lose something the copies do not
 *   carry (a trigger, a view on the table, a publication, ...): the live tables' rows are replaced by the copies'
 *   ({@code DELETE} and {@code INSERT}). Readers never wait and see the old rows until the commit, but the processor
 *   waits as long as the copy takes, which grows with the tables, and the old rows are left to autovacuum.</li>
 * </ul>
 */
final class LiveTableSwitch {

    /**
     * The longest wait for each live table's lock before copying instead. Short, because every reader that comes
     * meanwhile queues behind the switch; and, for five tables, below half of PostgreSQL's default deadlock_timeout
     * (1 s): a reader holding one table and waiting for another the switch holds sees the switch give up, never a
     * deadlock error (shortened further when deadlock_timeout is set lower).
     */
    static final Duration LOCK_WAIT = Duration.ofMillis(100);

    private static final String LOCK_NOT_AVAILABLE = "55P03";

    enum Method { SWAPPED, COPIED }

    /** How the tables were switched and, when copied, why not swapped. */
    record Outcome(Method method, String reason) {
    }

    private final JdbcTemplate jdbc;
    private final ShadowTables shadows;
    private final String live;
    private final List<String> tables;

    LiveTableSwitch(JdbcTemplate jdbc, ShadowTables shadows, String live, List<String> tables) {
        this.jdbc = jdbc;
        this.shadows = shadows;
        this.live = live;
        this.tables = tables;
    }

    /** In the switch's transaction, {@code status}: swaps the tables if it can, copies their rows otherwise. */
    Outcome replaceLiveTables(TransactionStatus status) {
        for (String table : tables) {
            String loss = whatASwapWouldLose(table);
            if (loss != null) {
                copyRows();
                return new Outcome(Method.COPIED, shadows.liveTable(table) + ": " + loss);
            }
        }
        Duration lockWait = lockWait();
        Object beforeSwap = status.createSavepoint();
        try {
            swap(lockWait);
            status.releaseSavepoint(beforeSwap);
            return new Outcome(Method.SWAPPED, null);
        } catch (DataAccessException e) {
            if (!lockNotAvailable(e)) {
                throw e;
            }
            // back to before the swap: the locks it took are released, lock_timeout is what it was
            status.rollbackToSavepoint(beforeSwap);
            copyRows();
            return new Outcome(Method.COPIED, "a live table was in use for longer than " + lockWait.toMillis()
                    + " ms");
        }
    }

    private void swap(Duration lockWait) {
        String previousTimeout = jdbc.queryForObject("SELECT current_setting('lock_timeout')", String.class);
        jdbc.queryForObject("SELECT set_config('lock_timeout', ?, true)", String.class, lockWait.toMillis() + "ms");
        jdbc.execute("LOCK TABLE " + tables.stream().map(shadows::liveTable).collect(Collectors.joining(", "))
                + " IN ACCESS EXCLUSIVE MODE");
        jdbc.queryForObject("SELECT set_config('lock_timeout', ?, true)", String.class, previousTimeout);
        for (String table : tables) {
            jdbc.execute("DROP TABLE " + shadows.liveTable(table));
            jdbc.execute("ALTER TABLE " + ShadowTables.shadow(table) + " SET SCHEMA " + ShadowTables.quoted(live));
        }
    }

    private Duration lockWait() {
        Long deadlockTimeout = jdbc.queryForObject(
                "SELECT setting::bigint FROM pg_settings WHERE name = 'deadlock_timeout'", Long.class);
        long share = deadlockTimeout == null ? LOCK_WAIT.toMillis() : deadlockTimeout / (2L * tables.size());
        return Duration.ofMillis(Math.max(1, Math.min(LOCK_WAIT.toMillis(), share)));
    }

    private void copyRows() {
        for (String table : tables) {
            List<String> columns = jdbc.queryForList("""
                    SELECT quote_ident(column_name) FROM information_schema.columns
                     WHERE table_schema = ? AND table_name = ? AND is_generated = 'NEVER'
                     ORDER BY ordinal_position""", String.class, live, table);
            String list = String.join(", ", columns);
            jdbc.update("DELETE FROM " + shadows.liveTable(table));
            jdbc.update("INSERT INTO " + shadows.liveTable(table) + " (" + list + ") SELECT " + list + " FROM "
                    + ShadowTables.shadow(table));
        }
    }

    /**
     * What dropping the live table would take with it that its copy does not have, or {@code null}. The copy has
     * the columns, constraints, indexes, storage settings and table grants; it is owned by the rebuild's role.
     */
    private String whatASwapWouldLose(String table) {
        return jdbc.queryForObject("""
                SELECT CASE
                       WHEN c.relowner <> (SELECT oid FROM pg_roles WHERE rolname = current_user)
                            THEN 'owned by another role'
                       WHEN c.relkind <> 'r' OR c.relhassubclass OR c.relispartition
                            THEN 'partitioned or inherited'
                       WHEN c.relrowsecurity OR EXISTS (SELECT FROM pg_policy WHERE polrelid = c.oid)
                            THEN 'row-level security'
                       WHEN EXISTS (SELECT FROM pg_trigger WHERE tgrelid = c.oid AND NOT tgisinternal)
                            THEN 'a trigger'
                       WHEN EXISTS (SELECT FROM pg_rewrite WHERE ev_class = c.oid)
                         OR EXISTS (SELECT FROM pg_depend d JOIN pg_rewrite w ON w.oid = d.objid
                                     WHERE d.classid = 'pg_rewrite'::regclass AND d.refobjid = c.oid
                                       AND w.ev_class <> c.oid)
                            THEN 'a rule, or a view that reads it'
                       WHEN EXISTS (SELECT FROM pg_constraint WHERE confrelid = c.oid)
                            THEN 'a foreign key that refers to it'
                       WHEN EXISTS (SELECT FROM pg_publication_rel WHERE prrelid = c.oid)
                            THEN 'a publication'
                       WHEN EXISTS (SELECT FROM pg_attribute WHERE attrelid = c.oid AND attacl IS NOT NULL)
                            THEN 'grants on columns'
                       WHEN EXISTS (SELECT FROM pg_depend d JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S'
                                     WHERE d.classid = 'pg_class'::regclass AND d.refobjid = c.oid)
                            THEN 'a sequence it owns'
                       END
                  FROM pg_class c WHERE c.oid = ?::regclass""", String.class, shadows.liveTable(table));
    }

    /**
     * By the SQL state, not by Spring's exception type: the service's {@code JdbcTemplate} reports a lock timeout as
     * an {@code UncategorizedSQLException}, not a {@code CannotAcquireLockException} (tried; the copy test failed).
     */
    private static boolean lockNotAvailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && LOCK_NOT_AVAILABLE.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
