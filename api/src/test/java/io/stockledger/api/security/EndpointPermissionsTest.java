package io.stockledger.api.security;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The request rules read from the handlers: which requests each covers, the permission, and the order of trial. */
class EndpointPermissionsTest {

    /** Handlers as a controller would declare them. */
    static class Handlers {

        @RequiresPermission(Permission.READ)
        void readOne() {
        }

        @RequiresPermission(Permission.ADMIN)
        void readSpecial() {
        }

        @RequiresPermission(Permission.AUDIT_READ)
        void readOneForAuditors() {
        }

        void forgotten() {
        }
    }

    private final Map<RequestMappingInfo, HandlerMethod> handlers = new LinkedHashMap<>();

    @Test
    void aGetRuleCoversHeadToo() {
        map("/v1/things/{id}", RequestMethod.GET, "readOne");

        assertThat(EndpointPermissions.of(handlers, "/v1/")).containsExactlyInAnyOrder(
                new EndpointPermissions.Rule(HttpMethod.GET, "/v1/things/{id}", Permission.READ),
                new EndpointPermissions.Rule(HttpMethod.HEAD, "/v1/things/{id}", Permission.READ));
    }

    @Test
    void theMostSpecificPatternIsTriedFirst() {
        map("/v1/things/{id}", RequestMethod.POST, "readOne");
        map("/v1/things/special", RequestMethod.POST, "readSpecial");

        List<EndpointPermissions.Rule> rules = EndpointPermissions.of(handlers, "/v1/");

        assertThat(rules).extracting(EndpointPermissions.Rule::pattern)
                .containsExactly("/v1/things/special", "/v1/things/{id}");
    }

    @Test
    void aHandlerWithoutAPermissionGetsARuleOfNone() {
        map("/v1/forgotten", RequestMethod.POST, "forgotten");

        assertThat(EndpointPermissions.of(handlers, "/v1/"))
                .containsExactly(new EndpointPermissions.Rule(HttpMethod.POST, "/v1/forgotten", null));
    }

    @Test
    void handlersOutsideThePrefixAreNotRuled() {
        map("/v3/api-docs", RequestMethod.GET, "forgotten");

        assertThat(EndpointPermissions.of(handlers, "/v1/")).isEmpty();
    }

    @Test
    void twoHandlersOfOnePathNeedingDifferentPermissionsAreRefusedAtStartup() {
        map("/v1/things/{id}", RequestMethod.GET, "readOne");
        handlers.put(RequestMappingInfo.paths("/v1/things/{id}").methods(RequestMethod.GET).produces("text/csv")
                .build(), handler("readOneForAuditors"));

        assertThatThrownBy(() -> EndpointPermissions.of(handlers, "/v1/"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("GET /v1/things/{id}").hasMessageContaining("different permissions");
    }

    private void map(String path, RequestMethod method, String handler) {
        handlers.put(RequestMappingInfo.paths(path).methods(method).build(), handler(handler));
    }

    private static HandlerMethod handler(String name) {
        try {
            return new HandlerMethod(new Handlers(), Handlers.class.getDeclaredMethod(name));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }
}
