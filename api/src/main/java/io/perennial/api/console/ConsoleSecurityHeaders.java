package io.perennial.api.console;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.perennial.api.portal.PortalSecurityHeaders;

/** The console's pages get the portal's headers: the same strict Content-Security-Policy, no framing, no caching. */
@ServerFilter({ConsoleSessions.PATH, ConsoleSessions.PATH + "/**"})
public class ConsoleSecurityHeaders {

    @ResponseFilter
    public void headers(HttpRequest<?> request, MutableHttpResponse<?> response) {
        response.header("Content-Security-Policy", PortalSecurityHeaders.POLICY);
        response.header("X-Content-Type-Options", "nosniff");
        response.header("X-Frame-Options", "DENY");
        response.header("Referrer-Policy", "same-origin");
        response.header("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
        response.header("Cross-Origin-Opener-Policy", "same-origin");
        response.header("Cache-Control", "no-store");
    }
}
