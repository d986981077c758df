package io.perennial.api.portal;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * The headers of every portal page and asset. The Content-Security-Policy allows scripts, styles and images from
 * this origin only, with no inline script or style anywhere (htmx's own indicator style is switched off in its
 * meta config), forms posting only here, and no framing.
 */
@ServerFilter({PortalSessions.PATH, PortalSessions.PATH + "/**", "/webjars/**", "/static/**"})
public class PortalSecurityHeaders {

    public static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    @ResponseFilter
    public void headers(HttpRequest<?> request, MutableHttpResponse<?> response) {
        response.header("Content-Security-Policy", POLICY);
        response.header("X-Content-Type-Options", "nosniff");
        response.header("X-Frame-Options", "DENY");
        response.header("Referrer-Policy", "same-origin");
        response.header("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
        response.header("Cross-Origin-Opener-Policy", "same-origin");
        if (PortalSessions.isPortal(request.getPath())) {
            // Pages show personal data: never kept by a shared cache or the back button after sign-out.
            response.header("Cache-Control", "no-store");
        }
    }
}
