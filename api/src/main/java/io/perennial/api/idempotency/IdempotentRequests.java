package io.perennial.api.idempotency;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.serde.ObjectMapper;
import io.perennial.api.problem.ApiProblems;
import io.perennial.api.problem.Problem;
import io.perennial.api.problem.ProblemException;
import io.perennial.idempotency.IdempotencyKeys;
import io.perennial.idempotency.IdempotencyRecord;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * {@code Idempotency-Key} for creating POSTs. The same key with the same body gets the stored response back (with
 * {@code Idempotent-Replayed: true}) and nothing is done again; the same key with another body is 422; the same key
 * while the first request still runs is 409. Keys belong to the caller and the route, and are kept 48 hours.
 * A request that fails on our side (5xx) frees its key; client errors (4xx) are stored like successes.
 */
@Singleton
public class IdempotentRequests {
    public static final String HEADER = "Idempotency-Key";
    private static final Logger log = LoggerFactory.getLogger(IdempotentRequests.class);
    private static final Pattern VALID_KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");
    /** A claim this old whose request never answered belongs to a request that died; a retry may take it over. */
    private static final Duration ABANDONED = Duration.ofMinutes(1);

    private final IdempotencyKeys keys;
    private final ObjectMapper json;

    public IdempotentRequests(IdempotencyKeys keys, ObjectMapper json) {
        this.keys = keys;
        this.json = json;
    }

    /**
     * Runs {@code action} once per (owner, route, key); without a key it simply runs it.
     *
     * @param request the parsed request body, whose JSON fingerprints the request
     */
    public HttpResponse<?> run(String owner, String route, @Nullable String key, Object request,
                               Supplier<? extends HttpResponse<?>> action) {
        if (key == null) {
            return action.get();
        }
        if (!VALID_KEY.matcher(key).matches()) {
            throw new ProblemException(new Problem(ApiProblems.BASE + "validation", "Invalid request", 400,
                    "The Idempotency-Key header must be 1 to 255 visible ASCII characters.", null,
                    List.of(new Problem.FieldError("/headers/" + HEADER, "1 to 255 visible ASCII characters"))));
        }
        String hash = fingerprint(request);
        if (keys.claim(owner, route, key, hash) == 0) {
            IdempotencyRecord earlier = keys.find(owner, route, key).orElseThrow();
            if (!earlier.requestHash().equals(hash)) {
                throw new ProblemException(new Problem(ApiProblems.BASE + "idempotency-key-reused",
                        "Idempotency key reused", 422, "This Idempotency-Key was used with a different request "
                        + "body; use a new key for a new request.", null, null));
            }
            if (earlier.completed()) {
                return replay(earlier);
            }
            if (keys.takeOverStale(owner, route, key, hash, Instant.now().minus(ABANDONED)) == 0) {
                throw new ProblemException(new Problem(ApiProblems.BASE + "idempotency-key-in-use",
                        "Request in progress", 409, "A request with this Idempotency-Key is still being processed; "
                        + "retry in a moment to get its response.", null, null));
            }
            log.warn("Taking over idempotency key {} of {} on {}: its first request never answered", key, owner, route);
        }
        try {
            HttpResponse<?> response = action.get();
            keys.complete(owner, route, key, response.code(), write(response.getBody().orElse(null)),
                    response.getHeaders().get(HttpHeaders.LOCATION));
            return response;
        } catch (ProblemException refused) {
            int status = refused.problem().status();
            if (status < 500 && status != 409 && status != 429) {
                keys.complete(owner, route, key, status, write(refused.problem()), null);
            } else {
                keys.release(owner, route, key);
            }
            throw refused;
        } catch (RuntimeException | Error failure) {
            keys.release(owner, route, key);
            throw failure;
        }
    }

    private MutableHttpResponse<String> replay(IdempotencyRecord earlier) {
        MutableHttpResponse<String> response = HttpResponse.<String>status(HttpStatus.valueOf(earlier.responseStatus()))
                .contentType(earlier.responseStatus() >= 400 ? MediaType.of(Problem.MEDIA_TYPE)
                        : MediaType.APPLICATION_JSON_TYPE)
                .header("Idempotent-Replayed", "true")
                .body(earlier.responseBody());
        if (earlier.location() != null) {
            response.header(HttpHeaders.LOCATION, earlier.location());
        }
        return response;
    }

    private String fingerprint(Object request) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json.writeValueAsBytes(request)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String write(Object body) {
        try {
            return body == null ? "" : json.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
