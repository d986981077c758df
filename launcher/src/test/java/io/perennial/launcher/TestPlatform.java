package io.perennial.launcher;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;

import java.util.Map;

/** Worker and API started by the launcher on top of a stack, with an HTTP client on a random port. */
final class TestPlatform implements AutoCloseable {
    final EmbeddedStack stack;
    final ApplicationContext context;
    final HttpClient client;
    final ApiSession api;

    private TestPlatform(EmbeddedStack stack) {
        this.stack = stack;
        this.context = PerennialLauncher.start(stack, Map.of(
                "micronaut.server.port", -1,
                "perennial.security.bcrypt-cost", 4,
                "perennial.gateway.simulated.latency", "0ms"));
        this.client = context.createBean(HttpClient.class, context.getBean(EmbeddedServer.class).getURL());
        this.api = new ApiSession(client.toBlocking());
    }

    static TestPlatform start(EmbeddedStack.Options options) {
        return new TestPlatform(EmbeddedStack.start(options));
    }

    @Override
    public void close() {
        client.close();
        context.close();
        stack.close();
    }
}
