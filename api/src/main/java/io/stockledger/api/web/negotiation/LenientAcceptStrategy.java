package io.stockledger.api.web.negotiation;

import org.springframework.http.MediaType;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.accept.ContentNegotiationStrategy;
import org.springframework.web.accept.HeaderContentNegotiationStrategy;
import org.springframework.web.context.request.NativeWebRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code Accept} header, read so that an answer can always be written. Spring MVC picks the response's type only
 * after the handler ran, so an {@code Accept} that JSON does not satisfy ({@code image/png}, {@code text/csv} on a
 * reservation) would make a command that was carried out answer 406: the client learns nothing of its outcome. RFC
 * 9110 lets a server disregard {@code Accept} instead, and this does: JSON is added as the least preferred type when
 * the header names none that JSON satisfies, and an unreadable header counts as {@code * / *}. A type the service
 * does offer ({@code text/csv} for the movement export) is still chosen when asked for.
 */
public class LenientAcceptStrategy implements ContentNegotiationStrategy {

    private static final MediaType JSON_LAST = new MediaType(MediaType.APPLICATION_JSON, Map.of("q", "0.001"));

    private final HeaderContentNegotiationStrategy header = new HeaderContentNegotiationStrategy();

    @Override
    public List<MediaType> resolveMediaTypes(NativeWebRequest request) {
        List<MediaType> requested;
        try {
            requested = header.resolveMediaTypes(request);
        } catch (HttpMediaTypeNotAcceptableException unreadable) {
            return MEDIA_TYPE_ALL_LIST;
        }
        if (requested.stream().anyMatch(type -> type.isCompatibleWith(MediaType.APPLICATION_JSON))) {
            return requested;
        }
        List<MediaType> lenient = new ArrayList<>(requested);
        lenient.add(JSON_LAST);
        return lenient;
    }
}
