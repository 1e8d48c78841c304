package io.stockledger.loadtest.scaleout;

import io.stockledger.loadtest.support.ServiceProcess;

import java.io.IOException;
import java.net.http.HttpClient;
import java.util.Collection;
import java.util.Locale;

/**
 * Commands an instance (or several) sent to their ledgers' owners so far, and their round trips' total seconds, as the
 * instances' {@code ledger_command_forwarded_seconds} says. Two readings' difference is what a run forwarded.
 */
record ForwardedCommands(double count, double seconds) {

    static final ForwardedCommands NONE = new ForwardedCommands(0, 0);

    /** Read from the instance's Prometheus endpoint now. */
    static ForwardedCommands of(HttpClient http, ServiceProcess instance) throws IOException, InterruptedException {
        PrometheusScrape scrape = PrometheusScrape.of(http, instance);
        return new ForwardedCommands(scrape.sum("ledger_command_forwarded_seconds_count"),
                scrape.sum("ledger_command_forwarded_seconds_sum"));
    }

    /** All the instances' together. */
    static ForwardedCommands of(HttpClient http, Collection<ServiceProcess> instances)
            throws IOException, InterruptedException {
        ForwardedCommands all = NONE;
        for (ServiceProcess instance : instances) {
            all = all.plus(of(http, instance));
        }
        return all;
    }

    ForwardedCommands plus(ForwardedCommands other) {
        return new ForwardedCommands(count + other.count, seconds + other.seconds);
    }

    /** What was forwarded since the earlier reading. */
    ForwardedCommands since(ForwardedCommands earlier) {
        return new ForwardedCommands(count - earlier.count, seconds - earlier.seconds);
    }

    /** "none", or the share of {@code served} answers that were forwarded and their mean round trip. */
    String describe(double served) {
        return count == 0 ? "none" : String.format(Locale.ROOT, "%.0f%%, %.1f ms", 100 * count / served,
                1000 * seconds / count);
    }
}
