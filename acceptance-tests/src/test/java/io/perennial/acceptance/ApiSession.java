package io.perennial.acceptance;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/** A client of the public HTTP API, speaking JSON as maps, as a storefront would. */
final class ApiSession {
    static final Argument<Map<String, Object>> JSON = Argument.mapOf(String.class, Object.class);

    private final BlockingHttpClient http;

    ApiSession(BlockingHttpClient http) {
        this.http = http;
    }

    /** Registers a new customer and returns its access token. */
    String newCustomer() {
        String email = "customer-" + UUID.randomUUID() + "@example.com";
        HttpResponse<Map<String, Object>> registered = http.exchange(HttpRequest.POST("/v1/auth/register",
                Map.of("email", email, "password", "correct-horse-battery", "name", "Ada Lovelace")), JSON);
        if (registered.code() != 201) {
            throw new AssertionError("register answered " + registered.code());
        }
        return login(email, "correct-horse-battery");
    }

    String login(String email, String password) {
        Map<String, Object> token = http.retrieve(HttpRequest.POST("/v1/auth/login",
                Map.of("email", email, "password", password)), JSON);
        return (String) token.get("accessToken");
    }

    HttpResponse<Map<String, Object>> post(String token, String path, Object body) {
        MutableHttpRequest<Object> request = HttpRequest.POST(path, body);
        if (token != null) {
            request.bearerAuth(token);
        }
        return http.exchange(request, JSON);
    }

    HttpResponse<Map<String, Object>> put(String token, String path, Object body) {
        return http.exchange(HttpRequest.PUT(path, body).bearerAuth(token), JSON);
    }

    /** The status of a DELETE (its body, if any, is not read). */
    int delete(String token, String path) {
        return http.exchange(HttpRequest.DELETE(path).bearerAuth(token)).code();
    }

    java.util.List<Map<String, Object>> list(String token, String path) {
        return http.retrieve(authorized(HttpRequest.GET(path), token), Argument.listOf(JSON));
    }

    Map<String, Object> get(String token, String path) {
        return http.retrieve(authorized(HttpRequest.GET(path), token), JSON);
    }

    /** Anonymous when {@code token} is null. */
    private static <B> io.micronaut.http.MutableHttpRequest<B> authorized(io.micronaut.http.MutableHttpRequest<B> request,
                                                                          String token) {
        return token == null ? request : request.bearerAuth(token);
    }

    /** The status and problem document of a request that is expected to fail. */
    HttpClientResponseException failure(Runnable request) {
        try {
            request.run();
        } catch (HttpClientResponseException e) {
            return e;
        }
        throw new AssertionError("the request succeeded but should have failed");
    }

    static Map<String, Object> problem(HttpClientResponseException e) {
        return e.getResponse().getBody(JSON).orElseThrow();
    }

    /** Asks again until the answer satisfies {@code done}, for state that settles asynchronously. */
    static <T> T eventually(java.util.function.Supplier<T> ask, Predicate<T> done, Duration within) {
        Instant deadline = Instant.now().plus(within);
        T last = ask.get();
        while (!done.test(last)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("still not settled after " + within + ": " + last);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            last = ask.get();
        }
        return last;
    }
}
