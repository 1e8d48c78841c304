package io.stockledger.query.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.stockledger.events.LotQuantity;
import io.stockledger.events.ShippedLot;
import java.util.List;

/** Lot lists as the read models store them: JSONB arrays with the events' snake_case field names. */
public final class LotsJson {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private LotsJson() {
    }

    /** JSON text for a {@code CAST(? AS jsonb)} parameter, or null for no list. */
    public static String write(List<?> lots) {
        if (lots == null) {
            return null;
        }
        try {
            return JSON.writeValueAsString(lots);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write lots as JSON", e);
        }
    }

    public static List<LotQuantity> lotQuantities(String json) {
        return read(json, new TypeReference<>() { });
    }

    public static List<ShippedLot> shippedLots(String json) {
        return read(json, new TypeReference<>() { });
    }

    private static <T> List<T> read(String json, TypeReference<List<T>> type) {
        if (json == null) {
            return null;
        }
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable lots JSON: " + json, e);
        }
    }
}
