package io.stockledger.api.security;

import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The permission each /v1 endpoint needs, read from its handler's {@link RequiresPermission} and turned into Spring
 * Security request rules: one per path pattern and HTTP method Spring MVC maps to a handler (HEAD along with GET, as
 * MVC serves a HEAD from the GET handler), the most specific pattern first, as MVC chooses between patterns. A
 * handler without the annotation gets a rule that refuses everyone: forgetting it closes the endpoint instead of
 * opening it.
 *
 * <p>Rules on the request, not {@code @PreAuthorize} on the handler: method security runs once MVC has read and
 * validated the body, so a caller without the permission would get 400 or 422, and learn the endpoint's validation,
 * instead of the 403 the contract promises.
 */
final class EndpointPermissions {

    private EndpointPermissions() {
    }

    /** The requests of one endpoint and the permission they need; {@code null}: the handler declares none. */
    record Rule(HttpMethod method, String pattern, String permission) {

        RequestMatcher matcher() {
            return PathPatternRequestMatcher.withDefaults().matcher(method, pattern);
        }
    }

    /** The rules for the handlers under {@code prefix} (e.g. {@code /v1/}), in the order they must be tried. */
    static List<Rule> of(Map<RequestMappingInfo, HandlerMethod> handlers, String prefix) {
        Map<String, Rule> rules = new LinkedHashMap<>();
        handlers.forEach((mapping, handler) -> {
            RequiresPermission declared = handler.getMethodAnnotation(RequiresPermission.class);
            String permission = declared == null ? null : declared.value();
            for (String pattern : mapping.getPatternValues()) {
                if (!pattern.startsWith(prefix)) {
                    continue;
                }
                for (HttpMethod method : methodsOf(mapping)) {
                    Rule rule = new Rule(method, pattern, permission);
                    Rule other = rules.putIfAbsent(method + " " + pattern, rule);
                    if (other != null && !Objects.equals(other.permission(), permission)) {
                        throw new IllegalStateException(method + " " + pattern + " has handlers that need different "
                                + "permissions (" + other.permission() + ", " + permission + "): split the path");
                    }
                }
            }
        });
        PathPatternParser parser = PathPatternParser.defaultInstance;
        Comparator<Rule> mostSpecificFirst = Comparator.comparing(rule -> parser.parse(rule.pattern()),
                PathPattern.SPECIFICITY_COMPARATOR);
        return rules.values().stream().sorted(mostSpecificFirst).toList();
    }

    /** The methods MVC serves with this mapping; {@code null} standing for any, when it names none. */
    private static List<HttpMethod> methodsOf(RequestMappingInfo mapping) {
        Set<RequestMethod> declared = mapping.getMethodsCondition().getMethods();
        List<HttpMethod> methods = new ArrayList<>();
        if (declared.isEmpty()) {
            methods.add(null);
        }
        for (RequestMethod method : declared) {
            methods.add(method.asHttpMethod());
            if (method == RequestMethod.GET) {
                methods.add(HttpMethod.HEAD);
            }
        }
        return methods;
    }
}
