package io.perennial.api.codec;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.security.token.reader.TokenReader;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * Reads the codec session cookie, and only on the codec endpoint: the Temporal UI calls it from the browser with
 * credentials and cannot send a bearer token. Every other route keeps bearer tokens only, so the cookie cannot be
 * used to drive the rest of the API from a page.
 */
@Singleton
public class CodecSessionTokenReader implements TokenReader<HttpRequest<?>> {

    public static final String COOKIE = "perennial_codec_session";
    static final String PATH = "/v1/ops/codec";

    @Override
    public Optional<String> findToken(HttpRequest<?> request) {
        String path = request.getPath();
        if (!path.equals(PATH + "/decode") && !path.equals(PATH + "/encode")) {
            return Optional.empty();
        }
        return request.getCookies().findCookie(COOKIE).map(Cookie::getValue);
    }
}
