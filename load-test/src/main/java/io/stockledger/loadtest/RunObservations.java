package io.stockledger.loadtest;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * What the clients of a whole run saw, SKU by SKU and order by order, saved next to the report ({@code observations.json}) so the
 * oversell check can also run on its own later.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class RunObservations {

    public static final String FILE_NAME = "observations.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @JsonProperty("base_url")
    private final String baseUrl;
    @JsonProperty("warehouse_id")
    private final UUID warehouseId;
    /** index 0 is the hot SKU */
    @JsonProperty("skus")
    private final List<SkuObservations> skus;
    /** every order a shopper placed, in the order they were placed */
    @JsonProperty("orders")
    private final List<OrderObservation> orders = Collections.synchronizedList(new ArrayList<>());

    @JsonCreator
    RunObservations(@JsonProperty("base_url") String baseUrl, @JsonProperty("warehouse_id") UUID warehouseId,
                    @JsonProperty("skus") List<SkuObservations> skus,
                    @JsonProperty("orders") List<OrderObservation> orders) {
        this.baseUrl = baseUrl;
        this.warehouseId = warehouseId;
        this.skus = List.copyOf(skus);
        if (orders != null) {
            this.orders.addAll(orders);
        }
    }

    public static RunObservations of(String baseUrl, SkuCatalog catalog) {
        List<SkuObservations> skus = new ArrayList<>(catalog.size());
        for (int i = 0; i < catalog.size(); i++) {
            skus.add(new SkuObservations(catalog.productId(i)));
        }
        return new RunObservations(baseUrl, catalog.warehouseId(), skus, List.of());
    }

    public SkuObservations sku(int index) {
        return skus.get(index);
    }

    public List<SkuObservations> skus() {
        return skus;
    }

    /** Records an order a shopper is about to place; its answer is recorded on the returned observation. */
    public OrderObservation newOrder(String orderId, List<OrderObservation.Line> lines) {
        OrderObservation order = new OrderObservation(orderId, lines);
        orders.add(order);
        return order;
    }

    public List<OrderObservation> orders() {
        synchronized (orders) {
            return List.copyOf(orders);
        }
    }

    public String baseUrl() {
        return baseUrl;
    }

    public UUID warehouseId() {
        return warehouseId;
    }

    public Path save(Path directory) {
        try {
            Files.createDirectories(directory);
            Path file = directory.resolve(FILE_NAME);
            JSON.writeValue(file.toFile(), this);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static RunObservations load(Path file) {
        try {
            return JSON.readValue(file.toFile(), RunObservations.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the observations of a run from " + file, e);
        }
    }
}
