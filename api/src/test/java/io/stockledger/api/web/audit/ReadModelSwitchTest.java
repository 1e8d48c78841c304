package io.stockledger.api.web.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.stockledger.api.support.AuditJobRuns;
import io.stockledger.api.support.LedgerClient;
import io.stockledger.api.support.ReadModelTables;
import io.stockledger.api.support.ScriptedHistory;
import io.stockledger.api.support.ServiceIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * How a rebuild puts its tables in the live ones' place: swapped in, carrying every index, constraint, storage setting
 * and grant under the same names, so that the service, its migrations and an operator's roles find them as before; or,
 * when a swap would wait for a reader or lose something the copies do not carry, by copying rows into the live tables,
 * which stay the same tables. Which of the two happened shows in the tables' identity (their OIDs).
 */
class ReadModelSwitchTest extends ServiceIntegrationTest {

    private static final String READER_ROLE = "ledger_switch_test_reader";

    /** What the swap must carry over, table by table: columns, constraints, indexes, storage settings, grants. */
    private static final String STRUCTURE = """
            SELECT c.relname AS t, 'column' AS kind, a.attname AS name,
                   format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END
                   || coalesce(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '') AS definition
              FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
              LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
             WHERE c.oid = ANY (?::regclass[])
            UNION ALL
            SELECT c.relname, 'constraint', k.conname, pg_get_constraintdef(k.oid)
              FROM pg_class c JOIN pg_constraint k ON k.conrelid = c.oid WHERE c.oid = ANY (?::regclass[])
            UNION ALL
            SELECT c.relname, 'index', x.relname, pg_get_indexdef(x.oid)
              FROM pg_class c JOIN pg_index i ON i.indrelid = c.oid JOIN pg_class x ON x.oid = i.indexrelid
             WHERE c.oid = ANY (?::regclass[])
            UNION ALL
            SELECT c.relname, 'table', 'settings and grants', coalesce(c.reloptions::text, '') || ' '
                   || coalesce(c.relacl::text, '')
              FROM pg_class c WHERE c.oid = ANY (?::regclass[])
            ORDER BY 1, 2, 3""";

    private final UUID warehouse = UUID.randomUUID();

    @Test
    void aRebuildSwapsInTablesThatCarryTheLiveOnesIndexesConstraintsSettingsAndGrantsByName() {
        UUID product = historyCaughtUp();
        jdbc.execute("ALTER TABLE stock_movement SET (autovacuum_vacuum_scale_factor = 0.05)");
        jdbc.execute("DO $$ BEGIN CREATE ROLE " + READER_ROLE + " NOLOGIN; "
                + "EXCEPTION WHEN duplicate_object THEN NULL; END $$");
        jdbc.execute("GRANT SELECT ON stock_balance, stock_movement TO " + READER_ROLE);
        try {
            swapCarriesEverything(product);
        } finally {
            // roles belong to the whole server, not to this test's database: leave none behind, unless a database
            // an interrupted run left still grants it something (that run's next cleanup drops the database)
            jdbc.execute("DROP OWNED BY " + READER_ROLE);
            try {
                jdbc.execute("DROP ROLE " + READER_ROLE);
            } catch (DataAccessException grantedElsewhere) {
                // kept; CREATE ROLE above tolerates it
            }
        }
    }

    private void swapCarriesEverything(UUID product) {
        List<Map<String, Object>> structure = structure();
        List<Map<String, Object>> projected = ReadModelTables.snapshot(jdbc);
        Map<String, Long> identities = identities();
        jdbc.update("UPDATE stock_balance SET on_hand = on_hand + 7 WHERE product_id = ?", product);

        JsonNode done = AuditJobRuns.run(client, "/v1/admin/read-models/rebuild", null);

        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
        assertThat(done.path("switch_method").asText()).as(done.toString()).isEqualTo("SWAPPED");
        assertThat(done.has("switch_reason")).as(done.toString()).isFalse();
        assertThat(identities()).as("every table swapped for its copy")
                .allSatisfy((table, identity) -> assertThat(identity).as(table).isNotEqualTo(identities.get(table)));
        assertThat(structure()).as("the same indexes, constraints, settings and grants, by name").isEqualTo(structure);
        assertThat(ReadModelTables.snapshot(jdbc)).isEqualTo(projected);
        assertThat(jdbc.queryForObject("SELECT has_table_privilege(?, 'stock_movement', 'SELECT')", Boolean.class,
                READER_ROLE)).isTrue();
        assertThat(jdbc.queryForList("""
                SELECT relname FROM pg_stat_user_tables
                 WHERE schemaname = current_schema() AND relname = ANY (?) AND last_analyze IS NULL""",
                String.class, (Object) ReadModelTables.NAMES.toArray(String[]::new)))
                .as("tables swapped in with statistics, so the first queries are planned on them").isEmpty();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM pg_namespace WHERE nspname = 'read_model_rebuild'",
                Long.class)).isZero();

        // the service's statements, prepared against the old tables, now reach the new ones
        assertThat(onHand(product)).isEqualTo(33);
        assertThat(client.adjust(product, warehouse, 4, "FOUND", LedgerClient.key()).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> onHand(product) == 37);
        await().atMost(Duration.ofSeconds(10)).until(() -> client.get("/v1/ledger/movements?product_id=" + product)
                .body().path("movements").size() == 7);
    }

    @Test
    void aTableReadThroughoutTheSwitchIsCopiedIntoInsteadAndItsReaderNeverFails() throws Exception {
        UUID product = historyCaughtUp();
        List<Map<String, Object>> projected = ReadModelTables.snapshot(jdbc);
        Map<String, Long> identities = identities();
        jdbc.update("UPDATE stock_balance SET on_hand = on_hand + 7 WHERE product_id = ?", product);

        try (Connection reader = jdbc.getDataSource().getConnection()) {
            reader.setAutoCommit(false);
            try (Statement statement = reader.createStatement()) {
                // a long export holds the journal like this until its last row is sent
                statement.execute("SELECT count(*) FROM stock_movement");

                JsonNode done = AuditJobRuns.run(client, "/v1/admin/read-models/rebuild", null);

                assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
                assertThat(done.path("switch_method").asText()).as(done.toString()).isEqualTo("COPIED");
                assertThat(done.path("switch_reason").asText()).as(done.toString())
                        .contains("in use for longer than");
                try (ResultSet stillReading = statement.executeQuery("SELECT count(*) FROM stock_movement")) {
                    assertThat(stillReading.next()).as("the reader's transaction was not aborted").isTrue();
                }
            }
            reader.rollback();
        }
        assertThat(identities()).as("the same tables, their rows replaced").isEqualTo(identities);
        assertThat(ReadModelTables.snapshot(jdbc)).isEqualTo(projected);
        assertThat(onHand(product)).isEqualTo(33);
    }

    @Test
    void aTriggerOnALiveTableIsKeptByCopyingRowsInstead() {
        UUID product = historyCaughtUp();
        jdbc.execute("""
                CREATE FUNCTION count_movements() RETURNS trigger LANGUAGE plpgsql AS
                $$ BEGIN RETURN NEW; END $$""");
        jdbc.execute("""
                CREATE TRIGGER movements_counted AFTER INSERT ON stock_movement
                FOR EACH ROW EXECUTE FUNCTION count_movements()""");
        try {
            List<Map<String, Object>> projected = ReadModelTables.snapshot(jdbc);
            Map<String, Long> identities = identities();

            JsonNode done = AuditJobRuns.run(client, "/v1/admin/read-models/rebuild", null);

            assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
            assertThat(done.path("switch_method").asText()).as(done.toString()).isEqualTo("COPIED");
            assertThat(done.path("switch_reason").asText()).as(done.toString()).contains("stock_movement", "trigger");
            assertThat(identities()).as("a swap would have dropped the trigger").isEqualTo(identities);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM pg_trigger WHERE tgname = 'movements_counted'",
                    Long.class)).isOne();
            assertThat(ReadModelTables.snapshot(jdbc)).isEqualTo(projected);
            assertThat(onHand(product)).isEqualTo(33);
        } finally {
            jdbc.execute("DROP TRIGGER IF EXISTS movements_counted ON stock_movement");
            jdbc.execute("DROP FUNCTION IF EXISTS count_movements()");
        }
    }

    /** A SKU's ten events (on hand 33 at the end), and the read models caught up with every event in the store. */
    private UUID historyCaughtUp() {
        UUID product = UUID.randomUUID();
        ScriptedHistory.sixEvents(client, product, warehouse);
        long events = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
        await().atMost(Duration.ofSeconds(60)).until(() ->
                jdbc.queryForObject("SELECT count(*) FROM stock_movement", Long.class) >= events);
        assertThat(onHand(product)).isEqualTo(33);
        return product;
    }

    private long onHand(UUID product) {
        LedgerClient.Response stock = client.stock(product, warehouse);
        assertThat(stock.status()).as(stock.raw()).isEqualTo(200);
        return stock.number("on_hand");
    }

    private Map<String, Long> identities() {
        Map<String, Long> identities = new TreeMap<>();
        for (String table : ReadModelTables.NAMES) {
            identities.put(table, jdbc.queryForObject("SELECT ?::regclass::oid::bigint", Long.class, table));
        }
        return identities;
    }

    private List<Map<String, Object>> structure() {
        Object names = ReadModelTables.NAMES.toArray(String[]::new);
        return jdbc.queryForList(STRUCTURE, names, names, names, names);
    }
}
