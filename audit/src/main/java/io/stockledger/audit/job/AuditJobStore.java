package io.stockledger.audit.job;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code audit_job} and {@code audit_finding} rows (migration V22). Times are the database's {@code now()}, so
 * heartbeats written by one instance and judged by another share one clock.
 */
@Component
class AuditJobStore {

    /** A running job whose heartbeat is older than this has lost its instance. */
    static final Duration ABANDONED_AFTER = Duration.ofSeconds(60);

    private static final String VIEW_COLUMNS = """
            job_id, kind, phase, product_id, warehouse_id, requested_by, started_at, finished_at, events_total,
            events_read, ledgers_checked, findings, position, unchained_events, chain_start_global_index, error,
            switch_method, switch_reason,
            CASE WHEN status = 'RUNNING' AND heartbeat_at < now() - make_interval(secs => ?) THEN 'ABANDONED'
                 ELSE status END AS shown_status,
            events_read / greatest(extract(epoch FROM coalesce(finished_at, now()) - started_at), 0.001)
                AS events_per_second""";

    private final JdbcTemplate jdbc;

    AuditJobStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Records a new running job; a second running rebuild violates {@code audit_job_one_running_rebuild}. */
    void insert(UUID jobId, AuditJobKind kind, UUID productId, UUID warehouseId, String requestedBy, String traceId,
                String instanceId, String phase) {
        jdbc.update("""
                        INSERT INTO audit_job (job_id, kind, product_id, warehouse_id, status, phase, requested_by,
                                               trace_id, instance_id, started_at, heartbeat_at)
                        VALUES (?, ?, ?, ?, 'RUNNING', ?, ?, ?, ?, now(), now())""",
                jobId, kind.name(), productId, warehouseId, phase, requestedBy, traceId, instanceId);
    }

    /** The running rebuild, if any, marking it abandoned first if its instance is gone. */
    Optional<UUID> runningRebuild() {
        jdbc.update("""
                UPDATE audit_job SET status = 'ABANDONED', finished_at = now(),
                                     error = 'its instance stopped refreshing the heartbeat'
                 WHERE kind = 'REBUILD' AND status = 'RUNNING'
                   AND heartbeat_at < now() - make_interval(secs => ?)""", ABANDONED_AFTER.toSeconds());
        return jdbc.queryForList("SELECT job_id FROM audit_job WHERE kind = 'REBUILD' AND status = 'RUNNING'",
                UUID.class).stream().findFirst();
    }

    void total(UUID jobId, long events) {
        jdbc.update("UPDATE audit_job SET events_total = ? WHERE job_id = ?", events, jobId);
    }

    void phase(UUID jobId, String phase) {
        jdbc.update("UPDATE audit_job SET phase = ? WHERE job_id = ?", phase, jobId);
    }

    void advanced(UUID jobId, long eventsRead, long ledgersChecked, Long position) {
        jdbc.update("""
                        UPDATE audit_job SET events_read = ?, ledgers_checked = ?, position = coalesce(?, position)
                         WHERE job_id = ?""",
                eventsRead, ledgersChecked, position, jobId);
    }

    void tablesSwitched(UUID jobId, String method, String reason) {
        jdbc.update("UPDATE audit_job SET switch_method = ?, switch_reason = ? WHERE job_id = ?", method, reason,
                jobId);
    }

    void unchained(UUID jobId, long events, long chainStart) {
        jdbc.update("UPDATE audit_job SET unchained_events = ?, chain_start_global_index = ? WHERE job_id = ?",
                events, chainStart, jobId);
    }

    /** Numbers the finding after the job's last and stores it, in one statement. */
    void finding(UUID jobId, AuditFinding finding) {
        jdbc.update("""
                        WITH numbered AS (
                            UPDATE audit_job SET findings = findings + 1 WHERE job_id = ? RETURNING findings)
                        INSERT INTO audit_finding (job_id, finding_no, kind, aggregate_identifier, product_id,
                                                   warehouse_id, sequence_number, global_index, field, expected,
                                                   actual, detail)
                        SELECT ?, findings, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM numbered""",
                jobId, jobId, finding.kind(), finding.aggregateIdentifier(), finding.productId(),
                finding.warehouseId(), finding.sequenceNumber(), finding.globalIndex(), finding.field(),
                finding.expected(), finding.actual(), finding.detail());
    }

    /** Ends a running job (a job already ended, e.g. failed at shutdown, keeps its end). */
    void finish(UUID jobId, AuditJobStatus status, String error) {
        jdbc.update("""
                        UPDATE audit_job SET status = ?, phase = 'DONE', error = ?, finished_at = now()
                         WHERE job_id = ? AND status = 'RUNNING'""",
                status.name(), error, jobId);
    }

    void heartbeat(UUID jobId) {
        jdbc.update("UPDATE audit_job SET heartbeat_at = now() WHERE job_id = ? AND status = 'RUNNING'", jobId);
    }

    Optional<AuditJob> find(UUID jobId) {
        return jdbc.query("SELECT " + VIEW_COLUMNS + " FROM audit_job WHERE job_id = ?",
                (row, n) -> viewOf(row), ABANDONED_AFTER.toSeconds(), jobId).stream().findFirst();
    }

    /** Findings numbered {@code from} or later, at most {@code limit}, plus one to tell whether more follow. */
    List<FindingPage.NumberedFinding> findings(UUID jobId, long from, int limit) {
        return jdbc.query("""
                        SELECT finding_no, kind, aggregate_identifier, product_id, warehouse_id, sequence_number,
                               global_index, field, expected, actual, detail
                          FROM audit_finding WHERE job_id = ? AND finding_no >= ?
                         ORDER BY finding_no LIMIT ?""",
                (row, n) -> new FindingPage.NumberedFinding(row.getLong("finding_no"), new AuditFinding(
                        row.getString("kind"), row.getString("aggregate_identifier"),
                        row.getObject("product_id", UUID.class), row.getObject("warehouse_id", UUID.class),
                        nullableLong(row, "sequence_number"), nullableLong(row, "global_index"),
                        row.getString("field"), row.getString("expected"), row.getString("actual"),
                        row.getString("detail"))),
                jobId, from, limit);
    }

    private static AuditJob viewOf(ResultSet row) throws SQLException {
        Long total = nullableLong(row, "events_total");
        long read = row.getLong("events_read");
        Double progress = total == null ? null : total == 0 ? 1.0 : Math.min(1.0, (double) read / total);
        return new AuditJob(row.getObject("job_id", UUID.class), AuditJobKind.valueOf(row.getString("kind")),
                AuditJobStatus.valueOf(row.getString("shown_status")), row.getString("phase"),
                row.getObject("product_id", UUID.class), row.getObject("warehouse_id", UUID.class),
                row.getString("requested_by"), instant(row, "started_at"), instant(row, "finished_at"), total, read,
                row.getLong("ledgers_checked"), row.getLong("findings"),
                Math.round(row.getDouble("events_per_second") * 10) / 10.0, progress, nullableLong(row, "position"),
                nullableLong(row, "unchained_events"), nullableLong(row, "chain_start_global_index"),
                row.getString("switch_method"), row.getString("switch_reason"), row.getString("error"));
    }

    private static Long nullableLong(ResultSet row, String column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp timestamp = row.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
