package io.stockledger.query.config;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.List;

/**
 * One projection's writes for the event batch being processed, sent to the database just before the batch commits:
 * consecutive writes with the same SQL go as one JDBC batch (one round trip), in the order they were made, in the
 * batch's own transaction. A hot SKU's events arrive in batches of up to 100, so a projection that wrote one row per
 * event with a round trip each now costs one round trip per batch. Outside a unit of work (tests, tools) a write is
 * sent at once.
 *
 * <p>Only for writes whose result the projection does not read: a statement that fails fails the batch at commit,
 * and the processor retries it from its token, as it would if the statement had failed on its own.
 */
public final class DeferredStatements {

    private final JdbcTemplate jdbc;
    /** Per projection: its writes keep their own order, undisturbed by another projection's. */
    private final String resourceKey = DeferredStatements.class.getName() + "@" + System.identityHashCode(this);

    public DeferredStatements(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A write with positional arguments, as {@link JdbcTemplate#update(String, Object...)} takes them. */
    public void update(String sql, Object... arguments) {
        if (!CurrentUnitOfWork.isStarted()) {
            jdbc.update(sql, arguments);
            return;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        unitOfWork.getOrComputeResource(resourceKey, key -> {
            List<Write> writes = new ArrayList<>();
            unitOfWork.onPrepareCommit(committing -> flush(writes));
            return writes;
        }).add(new Write(sql, arguments));
    }

    private record Write(String sql, Object[] arguments) {
    }

    private void flush(List<Write> writes) {
        int start = 0;
        while (start < writes.size()) {
            String sql = writes.get(start).sql();
            int end = start;
            List<Object[]> rows = new ArrayList<>();
            while (end < writes.size() && writes.get(end).sql().equals(sql)) {
                rows.add(writes.get(end).arguments());
                end++;
            }
            jdbc.batchUpdate(sql, rows);
            start = end;
        }
    }
}
