package io.perennial.acceptance;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.client.DefaultHttpClientConfiguration;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import io.perennial.launcher.EmbeddedStack;
import io.perennial.launcher.PerennialLauncher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Worker and API started by the launcher on top of a stack, with an HTTP client on a random port. Test classes get
 * one from {@link PlatformTest}; only a class that must build the stack itself calls {@link #on}.
 */
final class TestPlatform implements AutoCloseable {
    final EmbeddedStack stack;
    final ApplicationContext context;
    final HttpClient client;
    final ApiSession api;
    final RawHttp raw;
    /** The real Temporal server under the stack, or null on the in-process test server. */
    final TemporalDevServer temporal;

    private TestPlatform(EmbeddedStack stack, TemporalDevServer temporal, Map<String, Object> extra) {
        this.stack = stack;
        this.temporal = temporal;
        Map<String, Object> properties = new HashMap<>(Map.of(
                "micronaut.server.port", -1,
                "perennial.security.bcrypt-cost", 4,
                "perennial.gateway.simulated.latency", "0ms",
                // Each Parquet export rewrites a week of files (seconds per run): not on every test's clock
                // advances, and never into the source tree. DataLakeExportTest covers the export.
                "perennial.periodic-jobs.data-lake-export-every", "3650d",
                "perennial.data-lake.dir", System.getProperty("java.io.tmpdir") + "/perennial-data-lake-tests"));
        properties.putAll(TestOidcProvider.properties());
        properties.putAll(extra);
        this.context = PerennialLauncher.start(stack, properties);
        // A clock advance of months runs every Schedule and renewal in it before it answers: more than the
        // client's default 10 s read timeout on a busy machine.
        DefaultHttpClientConfiguration configuration = new DefaultHttpClientConfiguration();
        configuration.setReadTimeout(Duration.ofSeconds(60));
        this.client = context.createBean(HttpClient.class, context.getBean(EmbeddedServer.class).getURL(),
                configuration);
        this.api = new ApiSession(client.toBlocking());
        this.raw = new RawHttp(client.toBlocking());
    }

    /** What {@link PlatformTest} starts: the embedded stack, on the Temporal it names, with the properties given. */
    static TestPlatform start(PlatformTest.Temporal temporal, Map<String, Object> properties) {
        if (temporal == PlatformTest.Temporal.IN_PROCESS) {
            return new TestPlatform(EmbeddedStack.start(EmbeddedStack.Options.allEmbedded()), null, properties);
        }
        TemporalDevServer server = startDevServer(temporal);
        Map<String, Object> withServer = new HashMap<>(properties);
        if (server.uiPort != 0) {
            // The Web UI, in the browser, asks the API's codec endpoint to decrypt payloads.
            withServer.put("micronaut.server.cors.configurations.temporal-ui.allowed-origins",
                    "http://localhost:" + server.uiPort);
        }
        try {
            return new TestPlatform(EmbeddedStack.start(new EmbeddedStack.Options(server.target, null, null, null,
                    null)), server, withServer);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private static TemporalDevServer startDevServer(PlatformTest.Temporal temporal) {
        try {
            return temporal == PlatformTest.Temporal.DEV_SERVER_WITH_UI
                    ? TemporalDevServer.startWithUi() : TemporalDevServer.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the Temporal dev server", e);
        }
    }

    /** On a stack the test started itself, e.g. to put a {@link TcpLink} between Perennial and it. */
    static TestPlatform on(EmbeddedStack stack, Map<String, Object> properties) {
        return new TestPlatform(stack, null, properties);
    }

    /** Where the API listens, e.g. {@code http://localhost:41234}. */
    URI baseUrl() {
        return context.getBean(EmbeddedServer.class).getURI();
    }

    /** A bean of the running platform, e.g. a repository to read what the API wrote. */
    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        client.close();
        context.close();
        stack.close();
        if (temporal != null) {
            temporal.close();
        }
    }
}
