package io.perennial.api.json;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Headers every answer carries, errors and 404s included (the filter runs outermost): {@code nosniff}, so a
 * browser never reads a JSON answer as script or HTML; and {@code no-store} on the sign-in routes, whose answers
 * hold access and refresh tokens that no cache may keep.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class SecurityHeadersFilter implements Ordered {

    static final String TOKEN_ROUTES = "/v1/auth/";

    @ResponseFilter
    public void addSecurityHeaders(HttpRequest<?> request, MutableHttpResponse<?> response) {
        response.header("X-Content-Type-Options", "nosniff");
        if (request.getPath().startsWith(TOKEN_ROUTES)) {
            response.header(HttpHeaders.CACHE_CONTROL, "no-store");
        }
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
