package io.stockledger.api.openapi;

import io.stockledger.api.support.ServiceIntegrationTest;
import org.junit.jupiter.api.BeforeEach;

import java.util.UUID;

/**
 * What the conformance tests share: the running service's OpenAPI document, fetched afresh for each test, and a SKU
 * of their own whose real answers they check against it with {@link OpenApiDocument#conforms}.
 */
abstract class DocumentedAnswersTest extends ServiceIntegrationTest {

    protected OpenApiDocument doc;
    protected final UUID product = UUID.randomUUID();
    protected final UUID warehouse = UUID.randomUUID();

    @BeforeEach
    void fetchDocument() {
        doc = OpenApiDocument.fetch(baseUrl());
    }
}
