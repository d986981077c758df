package io.perennial.testsupport;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Stripe's official mock server (github.com/stripe/stripe-mock) in a process of its own, on ports the system picks:
 * it validates every request against Stripe's OpenAPI description and answers with fixtures. It is stateless, so
 * what it answers is a fixture (a PaymentIntent is always {@code requires_payment_method}), not a consequence of
 * what was sent. Found as {@code stripe-mock} on PATH, or named by STRIPE_MOCK. Suites that start it carry
 * {@link NeedsStripeMock}.
 */
public final class StripeMock implements AutoCloseable {

    public static final String VERSION = "v0.203.0";
    public static final String MISSING = "stripe-mock not found: build it with 'CGO_ENABLED=0 go install "
            + "github.com/stripe/stripe-mock@" + VERSION + "' and put it on PATH (or set STRIPE_MOCK); "
            + ".ci/run does this for you";
    private static final Pattern LISTENING = Pattern.compile("Listening for HTTP at address: .*:(\\d+)");

    private final Process process;
    private final int port;

    private StripeMock(Path binary) throws IOException {
        // Port 0 on loopback for both listeners: no race for a free port, nothing on a fixed one (12111/12112).
        process = new ProcessBuilder(binary.toString(), "-http-addr", "127.0.0.1:0", "-https-addr", "127.0.0.1:0")
                .redirectErrorStream(true).start();
        CompletableFuture<Integer> listening = new CompletableFuture<>();
        Thread reader = new Thread(() -> readOutput(listening), "stripe-mock-output");
        reader.setDaemon(true);
        reader.start();
        try {
            port = listening.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IllegalStateException("stripe-mock did not start listening within 30 s", e);
        }
    }

    /** Starts stripe-mock; the suites calling this carry {@link NeedsStripeMock}, which skips them without it. */
    public static StripeMock start() throws IOException {
        return new StripeMock(binary().orElseThrow(() -> new IllegalStateException(MISSING)));
    }

    public static Optional<Path> binary() {
        String explicit = System.getenv("STRIPE_MOCK");
        if (explicit != null && !explicit.isBlank()) {
            return Optional.of(Path.of(explicit)).filter(Files::isExecutable);
        }
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(dir -> Path.of(dir, "stripe-mock"))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** What the adapter's {@code api-base} points at. */
    public String base() {
        return "http://127.0.0.1:" + port;
    }

    /** Keeps draining the output (a full pipe would block stripe-mock) after reporting the HTTP port. */
    private void readOutput(CompletableFuture<Integer> listening) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                Matcher matcher = LISTENING.matcher(line);
                if (matcher.find()) {
                    listening.complete(Integer.parseInt(matcher.group(1)));
                }
            }
        } catch (IOException ended) {
            // The process was stopped.
        }
        listening.completeExceptionally(new IllegalStateException("stripe-mock exited with " + exitCode()));
    }

    private String exitCode() {
        try {
            return String.valueOf(process.waitFor(5, TimeUnit.SECONDS) ? process.exitValue() : "nothing yet");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
