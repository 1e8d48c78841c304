package io.stockledger.api.benchmark;

import io.stockledger.api.benchmark.ReservationBenchmark.Cell;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The speed targets the ledger is held to, each checked against the cells of one run: a ratio to the row-lock
 * ledger measured in the same run at the same client count, a p99, a CPU per reservation. The targets name 64
 * clients; a run with fewer is judged at its largest count, and says so.
 */
final class ReservationTargets {

    private static final String IN_PROCESS = "ledger in-process";
    private static final String HTTP = "ledger HTTP + JWT";
    private static final String ROW_LOCK = "row-lock (JDBC)";

    /** A target on one mode's cell; NaN where the target sets no bound. */
    private record Target(String name, String mode, boolean hot, double minRatio, double maxP99Millis,
                          double maxCpuMillis) {
    }

    private static final List<Target> TARGETS = List.of(
            new Target("spread over HTTP + JWT: ≥ 1.0× the row-lock ledger, p99 < 50 ms", HTTP, false, 1.0, 50,
                    Double.NaN),
            new Target("spread in-process: ≥ 1.5× the row-lock ledger", IN_PROCESS, false, 1.5, Double.NaN,
                    Double.NaN),
            new Target("hot SKU over HTTP + JWT: ≥ 3× the row-lock ledger, p99 < 50 ms", HTTP, true, 3, 50,
                    Double.NaN),
            new Target("hot SKU in-process: ≥ 10× the row-lock ledger, p99 < 20 ms", IN_PROCESS, true, 10, 20,
                    Double.NaN),
            new Target("spread over HTTP + JWT: ≤ 0.4 ms of CPU per reservation (service and PostgreSQL)", HTTP,
                    false, Double.NaN, Double.NaN, 0.4));

    private ReservationTargets() {
    }

    /** One line per target: the figures it is judged on, and met, missed, or not measured in this run. */
    static String summary(List<Cell> cells) {
        int clients = cells.stream().mapToInt(Cell::clients).max().orElse(0);
        StringBuilder lines = new StringBuilder(String.format(Locale.ROOT,
                "%nTargets, at %d clients:%n%n| target | measured | verdict |%n|---|---|---|%n", clients));
        for (Target target : TARGETS) {
            Optional<Cell> cell = find(cells, target.mode(), target.hot(), clients);
            Optional<Cell> rowLock = find(cells, ROW_LOCK, target.hot(), clients);
            if (cell.isEmpty() || (!Double.isNaN(target.minRatio()) && rowLock.isEmpty())) {
                lines.append(String.format(Locale.ROOT, "| %s | | not measured |%n", target.name()));
                continue;
            }
            double ratio = rowLock.map(baseline -> cell.get().perSecond() / baseline.perSecond()).orElse(Double.NaN);
            double p99 = cell.get().latency().getValueAtPercentile(99) / 1e6;
            double cpu = cell.get().cpuMillisEach();
            boolean met = (Double.isNaN(target.minRatio()) || ratio >= target.minRatio())
                    && (Double.isNaN(target.maxP99Millis()) || p99 < target.maxP99Millis())
                    && (Double.isNaN(target.maxCpuMillis()) || cpu <= target.maxCpuMillis());
            lines.append(String.format(Locale.ROOT, "| %s | %.2f×, p99 %.1f ms, %.2f ms CPU each | %s |%n",
                    target.name(), ratio, p99, cpu, met ? "met" : "missed"));
        }
        return lines.toString();
    }

    private static Optional<Cell> find(List<Cell> cells, String mode, boolean hot, int clients) {
        return cells.stream().filter(cell -> cell.mode().equals(mode) && cell.skus().equals("hot") == hot
                && cell.clients() == clients).findFirst();
    }
}
