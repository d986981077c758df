package io.perennial.acceptance;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A merchant's webhook receiver on this machine (JDK HttpServer): it keeps every request and answers 500 to the
 * first {@code failuresPerMessage} attempts of each {@code webhook-id}, then 200.
 */
final class WebhookReceiver implements AutoCloseable {

    record Received(String path, Map<String, List<String>> headers, String body) {
        String webhookId() {
            return headers.get("webhook-id").get(0);
        }
    }

    final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> attemptsById = new ConcurrentHashMap<>();
    private final Map<String, Integer> failuresByPath = new ConcurrentHashMap<>();
    private final HttpServer server;

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The URL of a path on this receiver whose messages fail {@code failures} times before a 200. */
    String url(String path, int failures) {
        failuresByPath.put(path, failures);
        return "http://localhost:" + server.getAddress().getPort() + path;
    }

    List<Received> at(String path) {
        return received.stream().filter(request -> request.path().equals(path)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, List<String>> headers = exchange.getRequestHeaders().entrySet().stream()
                .collect(Collectors.toMap(entry -> entry.getKey().toLowerCase(Locale.ROOT), Map.Entry::getValue));
        String path = exchange.getRequestURI().getPath();
        Received request = new Received(path, headers, body);
        received.add(request);
        int attempt = attemptsById.computeIfAbsent(path + " " + headers.getOrDefault("webhook-id", List.of("?")),
                id -> new AtomicInteger()).incrementAndGet();
        boolean fail = attempt <= failuresByPath.getOrDefault(path, 0);
        byte[] answer = (fail ? "busy, try later" : "thanks").getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(fail ? 500 : 200, answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
