package io.stockledger.loadtest.scaleout;

import io.stockledger.loadtest.support.ServiceProcess;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** What an instance's Prometheus endpoint said at one moment. */
record PrometheusScrape(String text) {

    static PrometheusScrape of(HttpClient http, ServiceProcess instance) throws IOException, InterruptedException {
        return new PrometheusScrape(http.send(HttpRequest.newBuilder(URI.create(instance.managementUrl()
                + "/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    /** The sum of the values of every series whose line starts with {@code series} (all their tags together). */
    double sum(String series) {
        return text.lines().filter(line -> line.startsWith(series))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }
}
