package io.stockledger.loadtest;

import java.util.Arrays;

/**
 * The requests of one stage: response times (all, and reservations alone) and outcomes. A request belongs to the
 * stage its visit started in, as in the Gatling report's groups. Thread-safe by synchronisation: recording costs a
 * few nanoseconds against milliseconds per request.
 */
final class StageTally {

    private int[] millis = new int[1024];
    private int count;
    private int[] reserveMillis = new int[1024];
    private int reserveCount;
    private long ok;
    private long conflicts;
    private long errors;
    private long unanswered;

    /**
     * @param status 0 when no response came (timeout, refused connection)
     * @param expected whether the status is one this request may get (200, or a business 409)
     */
    synchronized void record(String request, int status, boolean expected, int responseMillis) {
        if (status == 0) {
            unanswered++;
            errors++;
            return;
        }
        if (!expected) {
            errors++;
        } else if (status == 409) {
            conflicts++;
        } else {
            ok++;
        }
        if (count == millis.length) {
            millis = Arrays.copyOf(millis, count * 2);
        }
        millis[count++] = responseMillis;
        if (request.startsWith("reserve")) { // a single reservation, or an order
            if (reserveCount == reserveMillis.length) {
                reserveMillis = Arrays.copyOf(reserveMillis, reserveCount * 2);
            }
            reserveMillis[reserveCount++] = responseMillis;
        }
    }

    synchronized long requests() {
        return ok + conflicts + errors;
    }

    synchronized long answered() {
        return count;
    }

    synchronized long errors() {
        return errors;
    }

    synchronized long unanswered() {
        return unanswered;
    }

    synchronized long conflicts() {
        return conflicts;
    }

    /** The response time below which this share of answered requests fell (nearest rank), or -1 with none. */
    synchronized int percentile(double percent) {
        return percentile(millis, count, percent);
    }

    synchronized int reservePercentile(double percent) {
        return percentile(reserveMillis, reserveCount, percent);
    }

    private static int percentile(int[] values, int size, double percent) {
        if (size == 0) {
            return -1;
        }
        int[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percent / 100 * size);
        return sorted[Math.max(0, Math.min(size - 1, rank - 1))];
    }
}
