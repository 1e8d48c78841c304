package io.stockledger.loadtest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One step of the arrival-rate profile: over {@code length}, the rate goes linearly from {@code fromRps} (the
 * previous stage's target) to {@code targetRps}, or holds it when they are equal. Rates are requests per second, as
 * the seed's k6 profile states them (not visits: a checkout visit sends two requests).
 *
 * <p>Written as {@code target:ramp[:hold]}, separated by commas, e.g. {@code 50:30s,200:1m,1000:3m:1m}; a hold
 * becomes a stage of its own, so the figures show the plateau apart from the ramp up to it.
 */
public record Stage(int number, double fromRps, double targetRps, Duration length) {

    public Stage {
        if (targetRps < 0 || fromRps < 0) {
            throw new IllegalArgumentException("a rate cannot be negative: " + targetRps);
        }
        if (length.isNegative() || length.isZero()) {
            throw new IllegalArgumentException("stage " + number + " must last some time");
        }
    }

    public boolean holds() {
        return fromRps == targetRps;
    }

    /** How it is named in the figures, e.g. {@code 4: 500→1000 rps} or {@code 5: 1000 rps}. */
    public String label() {
        return number + ": " + (holds() ? rps(targetRps) : rps(fromRps) + "→" + rps(targetRps)) + " rps";
    }

    /** Requests this stage is meant to send: the area under its rate curve. */
    public double plannedRequests() {
        return (fromRps + targetRps) / 2 * length.toMillis() / 1000.0;
    }

    public static List<Stage> parseAll(String text) {
        List<Stage> stages = new ArrayList<>();
        double previous = 0;
        for (String part : text.split(",")) {
            String[] fields = part.trim().split(":");
            if (fields.length < 2 || fields.length > 3) {
                throw new IllegalArgumentException("a stage is target:ramp[:hold], not '" + part.trim() + "'");
            }
            double target = Double.parseDouble(fields[0].trim());
            stages.add(new Stage(stages.size() + 1, previous, target, duration(fields[1])));
            if (fields.length == 3) {
                stages.add(new Stage(stages.size() + 1, target, target, duration(fields[2])));
            }
            previous = target;
        }
        return List.copyOf(stages);
    }

    /** {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}; a bare number is seconds. */
    public static Duration duration(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (value.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
        }
        long amount = Long.parseLong(value.replaceAll("[smh]$", ""));
        return switch (value.charAt(value.length() - 1)) {
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            default -> Duration.ofSeconds(amount);
        };
    }

    private static String rps(double rate) {
        return rate == Math.rint(rate) ? String.valueOf((long) rate) : String.format(Locale.ROOT, "%.1f", rate);
    }
}
