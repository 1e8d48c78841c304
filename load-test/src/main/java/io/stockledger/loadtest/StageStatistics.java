package io.stockledger.loadtest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Figures per stage of the profile, printed as a table at the end of a run and saved as {@code stages.md} next to
 * the report: what the Gatling report shows per group, plus what it does not: the share of expected 409s and the
 * rate actually achieved against the one asked for.
 */
public final class StageStatistics {

    private final Map<Integer, StageTally> tallies = new LinkedHashMap<>();
    private final List<Stage> stages;

    public StageStatistics(List<Stage> stages) {
        this.stages = stages;
        stages.forEach(stage -> tallies.put(stage.number(), new StageTally()));
    }

    public void record(Stage stage, String request, int status, boolean expected, int responseMillis) {
        tallies.get(stage.number()).record(request, status, expected, responseMillis);
    }

    public long requests() {
        return tallies.values().stream().mapToLong(StageTally::requests).sum();
    }

    public long errors() {
        return tallies.values().stream().mapToLong(StageTally::errors).sum();
    }

    public long conflicts() {
        return tallies.values().stream().mapToLong(StageTally::conflicts).sum();
    }

    /** A Markdown table, one row per stage. */
    public String table() {
        StringBuilder table = new StringBuilder("""
                | stage | asked rps | achieved rps | requests | p50 ms | p95 ms | p99 ms | reserve p99 ms | errors % | 409 % |
                |---|---|---|---|---|---|---|---|---|---|
                """);
        for (Stage stage : stages) {
            StageTally tally = tallies.get(stage.number());
            double seconds = stage.length().toMillis() / 1000.0;
            long requests = tally.requests();
            table.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %,d | %s | %s | %s | %s | %.2f | %.1f |%n",
                    stage.label(), stage.plannedRequests() / seconds, tally.answered() / seconds, requests,
                    ms(tally.percentile(50)), ms(tally.percentile(95)), ms(tally.percentile(99)),
                    ms(tally.reservePercentile(99)), percent(tally.errors(), requests),
                    percent(tally.conflicts(), requests)));
        }
        return table.toString();
    }

    private static String ms(int millis) {
        return millis < 0 ? "-" : String.format(Locale.ROOT, "%,d", millis);
    }

    private static double percent(long part, long whole) {
        return whole == 0 ? 0 : 100.0 * part / whole;
    }
}
