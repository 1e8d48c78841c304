package io.stockledger.api.web.openapi;

import io.stockledger.api.idempotency.IdempotencyFilter;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocAnnotationsUtils;
import org.springframework.http.HttpStatus;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What every /v1 operation shares, added to each one so that no endpoint can forget it: the bearer token and the
 * permission (from {@link RequiredPermissionCustomizer}), the standard problem responses (400, 413 and 415 for a body,
 * 401, 403, 422 for any input, 503 for a fault), every error as {@code application/problem+json} with the
 * {@code Problem} schema, the
 * {@code X-Trace-ID} header, {@code application/json} for success bodies, and on every POST the optional
 * {@code Idempotency-Key} header of {@link IdempotencyFilter} with what it can answer. Responses an endpoint declares
 * itself (404, 409, 503, or a 422 with more reasons) keep their description, after the standard one for a standard
 * code and before what the Idempotency-Key header adds.
 */
final class V1ContractCustomizer implements OpenApiCustomizer {

    static final String PROBLEM_JSON = "application/problem+json";
    static final String TRACE_ID = "X-Trace-ID";

    private static final String V1 = "/v1/";
    private static final String RETRY_AFTER = "Retry-After";

    /** The standard descriptions, by status; 403 gets the permission appended. */
    private static final Map<String, String> STANDARD = Map.of(
            "400", """
                    `MALFORMED_REQUEST` (the body is missing or not JSON), `INVALID_TYPE` (a field of the wrong type, \
                    e.g. `"5"` or `1.5` for an integer) or `UNKNOWN_FIELD` (a field this endpoint does not accept); \
                    the last two name the field in `errors`.""",
            "401", """
                    `UNAUTHENTICATED`: no bearer token, or a malformed, expired or badly signed one, or one without \
                    `exp` or `sub`.""",
            "403", "`FORBIDDEN`: the token is valid but does not grant the permission this operation needs",
            "413", """
                    `REQUEST_TOO_LARGE`: the body is larger than the service accepts (`LEDGER_MAX_REQUEST_BODY`, 1 MB \
                    by default); `max_body_bytes` says how large it may be.""",
            "415", "`UNSUPPORTED_MEDIA_TYPE`: the body is not sent as `application/json`.",
            "422", """
                    `VALIDATION_FAILED`: a value is missing, out of range or malformed (in the body or the path), or \
                    free text holds a character that cannot be stored (NUL, another control character, an unpaired \
                    surrogate, a noncharacter); `errors` lists each field and why.""");

    /** permission -> the configured roles that grant it, for the descriptions. */
    private final Map<String, List<String>> rolesByPermission;

    V1ContractCustomizer(Map<String, List<String>> permissionsByRole) {
        this.rolesByPermission = permissionsByRole.entrySet().stream()
                .flatMap(role -> role.getValue().stream().map(permission -> Map.entry(permission, role.getKey())))
                .collect(Collectors.groupingBy(Map.Entry::getKey, TreeMap::new,
                        Collectors.mapping(Map.Entry::getValue, Collectors.collectingAndThen(Collectors.toList(),
                                roles -> roles.stream().sorted().toList()))));
    }

    @Override
    public void customise(OpenAPI openApi) {
        if (openApi.getPaths() == null) {
            return;
        }
        SpecVersion version = openApi.getSpecVersion();
        if (openApi.getComponents() == null) {
            openApi.setComponents(new Components());
        }
        Components components = openApi.getComponents();
        Schema<?> problem = SpringDocAnnotationsUtils.extractSchema(components, ApiProblem.class, null, null,
                version);
        components.addHeaders(TRACE_ID, new Header()
                .description("The request's trace id: the caller's `X-Trace-ID` if it sent a sane one, else the "
                        + "W3C trace id of the request's trace (the caller's, when it sent a `traceparent`). "
                        + "Recorded in every event the request causes.")
                .schema(string(version)));
        components.addHeaders(IdempotencyFilter.REPLAYED, new Header()
                .description("`true` when this is the stored response to an earlier request with the same "
                        + "`Idempotency-Key`: nothing ran again.")
                .schema(stringEnum(version, "true")));
        components.addParameters(TRACE_ID, new Parameter()
                .in("header")
                .name(TRACE_ID)
                .required(false)
                .description("Optional trace id to propagate (1..128 of `A-Z a-z 0-9 . _ : -`); anything else is "
                        + "ignored (then the request's W3C trace id is used: a `traceparent` header's, else a new "
                        + "one). Echoed in the response and recorded in every event the request causes.")
                .schema(string(version)));
        components.addParameters(IdempotencyFilter.HEADER, new Parameter()
                .in("header")
                .name(IdempotencyFilter.HEADER)
                .required(false)
                .description("""
                        Optional. The first request with a key stores its response (for 24 hours by default, \
                        `IDEMPOTENCY_RETENTION`); the same request \
                        again gets that response (same status and body, `Idempotent-Replayed: true`) and nothing runs \
                        again; another request with the key is 422 `IDEMPOTENCY_KEY_REUSED`; a repeat while the \
                        first still runs is 409 `IDEMPOTENT_REQUEST_IN_FLIGHT`. 5xx, 401 and 403 answers are not \
                        stored. Where the body has an `idempotency_key`, the two must be equal.""")
                .schema(string(version).minLength(1).maxLength(255).pattern("^[\\x21-\\x7E]{1,255}$")));

        openApi.getPaths().forEach((path, item) -> {
            if (path.startsWith(V1)) {
                item.readOperationsMap().forEach((method, operation) ->
                        customise(operation, method == PathItem.HttpMethod.POST, problem, version));
            }
        });
    }

    private void customise(Operation operation, boolean mutating, Schema<?> problem, SpecVersion version) {
        String permission = operation.getExtensions() == null ? null
                : (String) operation.getExtensions().get(RequiredPermissionCustomizer.EXTENSION);

        operation.setSecurity(List.of(new SecurityRequirement().addList(OpenApiConfiguration.BEARER_SCHEME,
                // OpenAPI 3.1 lets a bearer requirement name roles; 3.0 wants an empty list there
                permission != null && version == SpecVersion.V31 ? List.of(permission) : List.of())));
        operation.setDescription(join(operation.getDescription(), permissionSentence(permission)));
        operation.addParametersItem(new Parameter().$ref("#/components/parameters/" + TRACE_ID));
        if (mutating) {
            operation.addParametersItem(new Parameter().$ref("#/components/parameters/" + IdempotencyFilter.HEADER));
        }

        boolean hasBody = operation.getRequestBody() != null;
        boolean hasInput = hasBody || (operation.getParameters() != null && operation.getParameters().stream()
                .anyMatch(parameter -> "path".equals(parameter.getIn()) || "query".equals(parameter.getIn())));
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        standard(responses, "401", true, null);
        standard(responses, "403", true, permission == null
                ? ": none is declared for it, so every call is refused."
                : " (`" + permission + "`); `required_permission` names it.");
        standard(responses, "400", hasBody, null);
        standard(responses, "413", hasBody, null);
        standard(responses, "415", hasBody, null);
        standard(responses, "422", hasInput || mutating, null);
        // any operation can meet a fault (docs/reliability.md); a write can also lose its commit's answer
        also(responses, "503", """
                `LEDGER_UNAVAILABLE`: the service cannot answer now and nothing was written; `reason` says why \
                (`DATABASE_UNAVAILABLE`, `OVERLOADED`, `DEADLINE_EXCEEDED`, `CONTENDED`, `BUSY`). Retry after \
                `Retry-After` seconds.""");
        if (mutating) {
            also(responses, "503", """
                    `OUTCOME_UNKNOWN`: the connection to the database was lost while the request was committing, so \
                    it may or may not have taken effect: retry it with the same idempotency key, which answers its \
                    outcome if it did and decides it anew if it did not.""");
            also(responses, "409", """
                    With an `Idempotency-Key` header: `IDEMPOTENT_REQUEST_IN_FLIGHT`, a request with the same key is \
                    still running; retry after `Retry-After` seconds.""");
            also(responses, "422", """
                    With an `Idempotency-Key` header: `IDEMPOTENCY_KEY_REUSED`, the key was used for a different \
                    request; `IDEMPOTENCY_KEY_MISMATCH`, it differs from the body's `idempotency_key`; \
                    `VALIDATION_FAILED` naming `Idempotency-Key`, it is not 1 to 255 visible ASCII characters.""");
        }

        ApiResponses sorted = new ApiResponses();
        sorted.setExtensions(responses.getExtensions());
        responses.entrySet().stream().sorted(Map.Entry.comparingByKey(Comparator.naturalOrder()))
                .forEach(entry -> sorted.addApiResponse(entry.getKey(), shape(entry.getKey(), entry.getValue(),
                        mutating, problem, version)));
        operation.setResponses(sorted);
    }

    /** Adds the standard response for this status, or puts the standard text before the endpoint's own. */
    private static void standard(ApiResponses responses, String status, boolean applies, String suffix) {
        if (!applies && !responses.containsKey(status)) {
            return;
        }
        String description = STANDARD.get(status) + (suffix == null ? "" : suffix);
        ApiResponse declared = responses.get(status);
        if (declared == null) {
            responses.addApiResponse(status, new ApiResponse().description(description));
        } else if (!isDefaultDescription(status, declared.getDescription())) {
            declared.setDescription(join(description, declared.getDescription()));
        } else {
            declared.setDescription(description);
        }
    }

    private static ApiResponse shape(String status, ApiResponse response, boolean mutating, Schema<?> problem,
                                     SpecVersion version) {
        if (response.get$ref() != null) {
            return response;
        }
        int code = Integer.parseInt(status);
        if (code >= 400) {
            response.setContent(new Content().addMediaType(PROBLEM_JSON, new MediaType().schema(problem)));
            if (code == 401) {
                response.addHeaderObject("WWW-Authenticate", new Header().description("`Bearer`")
                        .schema(string(version)));
            }
            if (code == 503 || (code == 409 && mutating)) {
                response.addHeaderObject(RETRY_AFTER, new Header()
                        .description(code == 503
                                ? "Seconds after which a retry (with the same idempotency key) makes sense."
                                : "With `IDEMPOTENT_REQUEST_IN_FLIGHT`: seconds after which to retry.")
                        .schema(integer(version)));
            }
        } else if (response.getContent() != null && response.getContent().containsKey("*/*")) {
            // springdoc's default for a body without 'produces'; the API answers JSON
            Content json = new Content();
            response.getContent().forEach((type, media) -> json.addMediaType(
                    "*/*".equals(type) ? org.springframework.http.MediaType.APPLICATION_JSON_VALUE : type, media));
            response.setContent(json);
        }
        response.addHeaderObject(TRACE_ID, new Header().$ref("#/components/headers/" + TRACE_ID));
        if (mutating && code < 500 && code != 401 && code != 403) {
            response.addHeaderObject(IdempotencyFilter.REPLAYED,
                    new Header().$ref("#/components/headers/" + IdempotencyFilter.REPLAYED));
        }
        return response;
    }

    /** Adds this text after the response's description, or the response with it. */
    private static void also(ApiResponses responses, String status, String text) {
        ApiResponse declared = responses.get(status);
        if (declared == null) {
            responses.addApiResponse(status, new ApiResponse().description(text));
        } else {
            declared.setDescription(join(isDefaultDescription(status, declared.getDescription()) ? null
                    : declared.getDescription(), text));
        }
    }

    private String permissionSentence(String permission) {
        if (permission == null) {
            return "**Permission:** none declared: every call is refused with 403.";
        }
        List<String> roles = rolesByPermission.getOrDefault(permission, List.of());
        return "**Permission:** `" + permission + "`"
                + (roles.isEmpty() ? "" : " (granted by the roles " + roles.stream().map(role -> "`" + role + "`")
                .collect(Collectors.joining(", ")) + ")")
                + ", or in the token's `permissions` claim.";
    }

    private static boolean isDefaultDescription(String status, String description) {
        if (description == null || description.isBlank()) {
            return true;
        }
        HttpStatus known = HttpStatus.resolve(Integer.parseInt(status));
        return known != null && known.getReasonPhrase().equals(description);
    }

    private static String join(String first, String second) {
        List<String> parts = new ArrayList<>();
        if (first != null && !first.isBlank()) {
            parts.add(first.strip());
        }
        if (second != null && !second.isBlank()) {
            parts.add(second.strip());
        }
        return String.join("\n\n", parts);
    }

    private static Schema<?> string(SpecVersion version) {
        return version == SpecVersion.V31 ? new JsonSchema().typesItem("string") : new StringSchema();
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema<?> stringEnum(SpecVersion version, String... values) {
        Schema schema = string(version);
        schema.setEnum(List.of((Object[]) values));
        return schema;
    }

    private static Schema<?> integer(SpecVersion version) {
        return version == SpecVersion.V31 ? new JsonSchema().typesItem("integer") : new IntegerSchema();
    }
}
