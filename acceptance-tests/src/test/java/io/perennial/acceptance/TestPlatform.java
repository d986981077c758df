package io.perennial.acceptance;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;

import io.perennial.launcher.EmbeddedStack;
import io.perennial.launcher.PerennialLauncher;
import java.util.Map;

/** Worker and API started by the launcher on top of a stack, with an HTTP client on a random port. */
final class TestPlatform implements AutoCloseable {
    final EmbeddedStack stack;
    final ApplicationContext context;
    final HttpClient client;
    final ApiSession api;

    private TestPlatform(EmbeddedStack stack, Map<String, Object> extra) {
        this.stack = stack;
        Map<String, Object> properties = new java.util.HashMap<>(Map.of(
                "micronaut.server.port", -1,
                "perennial.security.bcrypt-cost", 4,
                "perennial.gateway.simulated.latency", "0ms"));
        properties.putAll(extra);
        this.context = PerennialLauncher.start(stack, properties);
        this.client = context.createBean(HttpClient.class, context.getBean(EmbeddedServer.class).getURL());
        this.api = new ApiSession(client.toBlocking());
    }

    static TestPlatform start(EmbeddedStack.Options options) {
        return start(options, Map.of());
    }

    /** On a stack the test started itself, e.g. to put a {@link TcpLink} between Perennial and it. */
    static TestPlatform on(EmbeddedStack stack, Map<String, Object> properties) {
        return new TestPlatform(stack, properties);
    }

    /** With configuration of its own, e.g. a dunning schedule in seconds for a real-server test. */
    static TestPlatform start(EmbeddedStack.Options options, Map<String, Object> properties) {
        return new TestPlatform(EmbeddedStack.start(options), properties);
    }

    @Override
    public void close() {
        client.close();
        context.close();
        stack.close();
    }
}
