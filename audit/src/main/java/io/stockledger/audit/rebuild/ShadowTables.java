package io.stockledger.audit.rebuild;

import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;

/**
 * The rebuild's copies of the read-model tables, in the schema {@value #SCHEMA}, made so that they can take the live
 * tables' place:
 *
 * <ul>
 *   <li>{@link #create()}: empty copies with what replaying needs: the columns, defaults, generated columns, checks,
 *   and the keys and unique indexes the projections' upserts rely on, each named as in the live table.</li>
 *   <li>{@link #complete()}, once the replay has caught up: everything else the live tables have that readers and
 *   operators rely on: their other indexes (same names and definitions), storage settings, grants and statistics.
 *   Building an index over a filled table is a sort, far cheaper than keeping it up to date row by row during the
 *   replay.</li>
 * </ul>
 *
 * Index and constraint names live in a schema, so the copies carry exactly the live tables' names: once swapped in,
 * the migrations that name them find them.
 */
final class ShadowTables {

    static final String SCHEMA = "read_model_rebuild";

    private final JdbcTemplate jdbc;
    private final String live;
    private final List<String> tables;

    ShadowTables(JdbcTemplate jdbc, String live, List<String> tables) {
        this.jdbc = jdbc;
        this.live = live;
        this.tables = tables;
    }

    void create() {
        drop();
        jdbc.execute("CREATE SCHEMA " + SCHEMA);
        for (String table : tables) {
            jdbc.execute("CREATE TABLE " + shadow(table) + " (LIKE " + liveTable(table)
                    + " INCLUDING ALL EXCLUDING INDEXES)");
            for (Index index : indexes(table)) {
                if (index.unique()) {
                    jdbc.execute(index.definitionOn(shadow(table)));
                }
            }
        }
    }

    /** The rest of the live tables' indexes, their storage settings and grants, and fresh statistics. */
    void complete() {
        for (String table : tables) {
            for (Index index : indexes(table)) {
                if (!index.unique()) {
                    jdbc.execute(index.definitionOn(shadow(table)));
                }
            }
            String storage = jdbc.queryForObject("SELECT array_to_string(reloptions, ', ') FROM pg_class WHERE oid = "
                    + "?::regclass", String.class, liveTable(table));
            if (storage != null) {
                jdbc.execute("ALTER TABLE " + shadow(table) + " SET (" + storage + ")");
            }
            grants(table).forEach(jdbc::execute);
        }
        analyze(tables);
    }

    void analyze(List<String> which) {
        for (String table : which) {
            jdbc.execute("ANALYZE " + shadow(table));
        }
    }

    void drop() {
        jdbc.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
    }

    String liveTable(String table) {
        return quoted(live) + "." + quoted(table);
    }

    static String shadow(String table) {
        return SCHEMA + "." + quoted(table);
    }

    static String quoted(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /**
     * A live table's index: a key or unique constraint is re-created as that constraint (the index comes with it,
     * under the same name), any other index from its definition, pointed at the copy.
     */
    private record Index(String definition, String liveTableName, String constraint, String constraintDefinition,
                         boolean unique) {

        String definitionOn(String shadowTable) {
            if (constraint != null) {
                return "ALTER TABLE " + shadowTable + " ADD CONSTRAINT " + quoted(constraint) + " "
                        + constraintDefinition;
            }
            String on = " ON " + liveTableName + " USING ";
            if (!definition.contains(on)) {
                throw new IllegalStateException("cannot copy the index '" + definition + "' onto " + shadowTable);
            }
            return definition.replace(on, " ON " + shadowTable + " USING ");
        }
    }

    private List<Index> indexes(String table) {
        // format('%I.%I') quotes as pg_get_indexdef does, so the table's name is found in the definition as written
        return jdbc.query("""
                SELECT pg_get_indexdef(i.indexrelid) AS definition, format('%I.%I', ?, ?) AS live_table_name,
                       c.conname, pg_get_constraintdef(c.oid) AS constraint_definition, i.indisunique
                  FROM pg_index i
                  LEFT JOIN pg_constraint c ON c.conindid = i.indexrelid AND c.conrelid = i.indrelid
                                           AND c.contype IN ('p', 'u', 'x')
                 WHERE i.indrelid = ?::regclass
                 ORDER BY i.indexrelid""", (row, n) -> new Index(row.getString("definition"),
                row.getString("live_table_name"), row.getString("conname"), row.getString("constraint_definition"),
                row.getBoolean("indisunique") || row.getString("conname") != null), live, table, liveTable(table));
    }

    /** The live table's grants to others than its owner (whose rights come with owning the copy). */
    private List<String> grants(String table) {
        return jdbc.queryForList("""
                SELECT 'GRANT ' || a.privilege_type || ' ON ' || ? || ' TO '
                       || CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(a.grantee)) END
                       || CASE WHEN a.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END
                  FROM pg_class c, aclexplode(c.relacl) a
                 WHERE c.oid = ?::regclass AND a.grantee <> c.relowner""", String.class, shadow(table),
                liveTable(table));
    }
}
