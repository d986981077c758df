package io.perennial.payment.stripe;

import com.sun.net.httpserver.HttpServer;
import io.perennial.payment.ProviderCustomers;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stand-in for api.stripe.com that answers every request with one canned status and body (Stripe's documented
 * JSON), optionally late, and records what it was sent. stripe-java parses the answer into its own exceptions, so
 * the adapter is tested against the library's real error handling.
 */
final class CannedStripe implements AutoCloseable {

    /** One request as Stripe would see it. */
    record Sent(String method, String path, String query, String idempotencyKey, Map<String, String> form) {
    }

    private record Canned(int status, String body) {
    }

    private final HttpServer server;
    private final List<Sent> sent = new ArrayList<>();
    private final Map<String, Canned> byPath = new ConcurrentHashMap<>();
    private final InMemoryProviderCustomers store = new InMemoryProviderCustomers();
    private volatile Canned answer = new Canned(200, "{}");
    private volatile Duration delay = Duration.ZERO;

    CannedStripe() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            synchronized (sent) {
                sent.add(new Sent(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        exchange.getRequestURI().getRawQuery(),
                        exchange.getRequestHeaders().getFirst("Idempotency-Key"), parse(form)));
            }
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Canned canned = byPath.getOrDefault(exchange.getRequestURI().getPath(), answer);
            byte[] bytes = canned.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("Request-Id", "req_canned");
            exchange.sendResponseHeaders(canned.status(), bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    /** The answer to every request not answered by path. */
    CannedStripe answer(int status, String body) {
        this.answer = new Canned(status, body);
        return this;
    }

    /** The answer to requests for exactly {@code path}, e.g. {@code /v1/customers}. */
    CannedStripe answer(String path, int status, String body) {
        byPath.put(path, new Canned(status, body));
        return this;
    }

    List<Sent> sent() {
        synchronized (sent) {
            return List.copyOf(sent);
        }
    }

    CannedStripe late(Duration delay) {
        this.delay = delay;
        return this;
    }

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    Sent last() {
        synchronized (sent) {
            return sent.get(sent.size() - 1);
        }
    }

    int requests() {
        synchronized (sent) {
            return sent.size();
        }
    }

    StripePaymentGateway gateway() {
        return new StripePaymentGateway(new StripeConfiguration("sk_test_canned", base(), Duration.ofSeconds(2),
                Duration.ofMillis(500), 0), new ProviderCustomers(store));
    }

    private static Map<String, String> parse(String form) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (form.isEmpty()) {
            return fields;
        }
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return fields;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
