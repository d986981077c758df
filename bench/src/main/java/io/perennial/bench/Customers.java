package io.perennial.bench;

import io.micronaut.core.type.Argument;
import io.micronaut.serde.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

/** Customers the benchmarks sign up through the API, and requests that must answer a given status. */
final class Customers {

    private Customers() {
    }

    /** Registers a new customer and signs in: its access token. */
    static String register(HttpClient http, URI base, ObjectMapper json) throws Exception {
        String email = "bench-" + UUID.randomUUID() + "@example.com";
        send(http, post(base, "/v1/auth/register", "{\"email\":\"" + email
                + "\",\"password\":\"correct-horse-battery\",\"name\":\"Bench Customer\"}"), 201);
        String token = send(http, post(base, "/v1/auth/login", "{\"email\":\"" + email
                + "\",\"password\":\"correct-horse-battery\"}"), 200);
        return (String) json.readValue(token, Argument.mapOf(String.class, Object.class)).get("accessToken");
    }

    /** The answer's body; anything but {@code expected} is an error naming the status and body. */
    static String send(HttpClient http, HttpRequest request, int expected) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(request.uri().getPath() + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body();
    }

    private static HttpRequest post(URI base, String path, String body) {
        return HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }
}
