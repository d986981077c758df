package io.perennial.api.portal;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A provider callback that Micronaut Security refuses without asking the login handler (a state that is not this
 * browser's, a code the provider would not exchange, an ID token that fails its checks: a bare 401) lands on the
 * sign-in page saying the sign-in did not complete, like any other refused sign-in.
 */
@ServerFilter(PortalSessions.PATH + "/oauth/callback/**")
public class ProviderCallbackRefusals {

    private static final Logger log = LoggerFactory.getLogger(ProviderCallbackRefusals.class);

    @ResponseFilter
    public HttpResponse<?> refused(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (response.code() < 400) {
            return response;
        }
        log.info("A sign-in through a provider was refused on {} ({})", request.getPath(), response.code());
        return PortalPages.redirect(PortalSessions.PATH + "/signin?provider-refused=failed");
    }
}
