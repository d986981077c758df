package io.perennial.api.json;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.util.List;

/**
 * Headers every answer carries, errors and 404s included (the filter runs outermost): {@code nosniff}, so a
 * browser never reads a JSON answer as script or HTML; and {@code no-store} on the sign-in routes, whose answers
 * hold access and refresh tokens (or, for the codec's sign-in page, a session cookie) that no cache may keep.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class SecurityHeadersFilter implements Ordered {

    static final List<String> TOKEN_ROUTES = List.of("/v1/auth/", "/v1/ops/codec/session");

    @ResponseFilter
    public void addSecurityHeaders(HttpRequest<?> request, MutableHttpResponse<?> response) {
        response.header("X-Content-Type-Options", "nosniff");
        if (TOKEN_ROUTES.stream().anyMatch(request.getPath()::startsWith)) {
            response.header(HttpHeaders.CACHE_CONTROL, "no-store");
        }
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
