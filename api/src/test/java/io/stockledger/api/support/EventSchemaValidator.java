package io.stockledger.api.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import io.stockledger.events.EventSchemas;

import java.util.List;

/** Validates a published payload against the contract's schema, as an analytics consumer would. */
public final class EventSchemaValidator {

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder()
                    .formatAssertionsEnabled(true)
                    .build()));

    private EventSchemaValidator() {
    }

    /** Validation errors, empty when the payload is valid. */
    public static List<Error> errors(String schemaId, JsonNode payload) {
        return REGISTRY.getSchema(SchemaLocation.of("classpath:" + EventSchemas.resourceOf(schemaId)),
                EventSchemas.tree(schemaId)).validate(payload);
    }
}
