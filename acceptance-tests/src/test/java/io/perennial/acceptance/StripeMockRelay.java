package io.perennial.acceptance;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Between the Stripe adapter and stripe-mock: passes every request on (so stripe-mock still validates it against
 * Stripe's OpenAPI description), records what was asked, and turns the PaymentIntent fixture's
 * {@code requires_payment_method} into {@code succeeded}, because stripe-mock is stateless and answers every
 * PaymentIntent with that fixture, so without this no charge could ever succeed against it.
 */
final class StripeMockRelay implements AutoCloseable {

    /** One request the adapter made. */
    record Sent(String method, String path, String idempotencyKey) {
    }

    private static final Set<String> FORWARDED = Set.of("Authorization", "Idempotency-Key", "Content-Type",
            "Stripe-Version", "User-Agent");

    /** stripe-mock indents its JSON for curl only, so spacing varies. */
    private static final Pattern REQUIRES_PAYMENT_METHOD =
            Pattern.compile("\"status\"\\s*:\\s*\"requires_payment_method\"");

    private final HttpServer server;
    private final HttpClient client = HttpClient.newHttpClient();
    private final List<Sent> sent = new ArrayList<>();

    StripeMockRelay(String stripeMockBase) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                String path = exchange.getRequestURI().getPath();
                String query = exchange.getRequestURI().getRawQuery();
                byte[] body = exchange.getRequestBody().readAllBytes();
                synchronized (sent) {
                    sent.add(new Sent(exchange.getRequestMethod(), path,
                            exchange.getRequestHeaders().getFirst("Idempotency-Key")));
                }
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stripeMockBase + path
                                + (query == null ? "" : "?" + query)))
                        .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
                exchange.getRequestHeaders().forEach((name, values) -> {
                    if (FORWARDED.stream().anyMatch(name::equalsIgnoreCase)) {
                        values.forEach(value -> request.header(name, value));
                    }
                });
                HttpResponse<String> answer = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
                String text = path.startsWith("/v1/payment_intents")
                        ? REQUIRES_PAYMENT_METHOD.matcher(answer.body()).replaceAll("\"status\":\"succeeded\"")
                        : answer.body();
                byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(answer.statusCode(), bytes.length);
                exchange.getResponseBody().write(bytes);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
    }

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Sent> sent() {
        synchronized (sent) {
            return List.copyOf(sent);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
