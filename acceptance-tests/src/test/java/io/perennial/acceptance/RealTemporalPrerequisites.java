package io.perennial.acceptance;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.opentest4j.AssertionFailedError;

import java.io.File;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What {@link NeedsTemporalCli} does. An assumption failing in {@code @BeforeAll} aborts the whole class, which
 * Surefire reports as "Tests run: 0, Skipped: 0", so the build looked green with 17 tests never run. Here the suite's
 * {@code @BeforeAll} and {@code @AfterAll} methods are not called at all, and every test fails its own assumption,
 * so each one is counted as skipped, with the message saying how to enable it.
 */
final class RealTemporalPrerequisites implements BeforeAllCallback, BeforeEachCallback, InvocationInterceptor {

    static final String CLI_MISSING = "Temporal CLI not found: build it with "
            + "'CGO_ENABLED=0 go install github.com/temporalio/cli/cmd/temporal@v1.5.1' and put it on PATH "
            + "(or set TEMPORAL_CLI); .ci/run does this for you";
    static final String BROWSER_MISSING = "chromium and chromedriver not found: "
            + "'apt-get install chromium chromium-driver' (.ci/run does this for you)";

    @Override
    public void beforeAll(ExtensionContext context) {
        Optional<String> missing = missing(context);
        if (missing.isPresent() && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionFailedError("CI must run the real-Temporal suites. " + missing.get());
        }
    }

    @Override
    public void interceptBeforeAllMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> method,
                                         ExtensionContext context) throws Throwable {
        proceedWhenPresent(invocation, context);
    }

    @Override
    public void interceptAfterAllMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> method,
                                        ExtensionContext context) throws Throwable {
        proceedWhenPresent(invocation, context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Optional<String> missing = missing(context);
        Assumptions.assumeTrue(missing.isEmpty(), missing::orElseThrow);
    }

    private static void proceedWhenPresent(Invocation<Void> invocation, ExtensionContext context) throws Throwable {
        if (missing(context).isEmpty()) {
            invocation.proceed();
        } else {
            invocation.skip();
        }
    }

    static Optional<String> missing(ExtensionContext context) {
        if (TemporalDevServer.cli().isEmpty()) {
            return Optional.of(CLI_MISSING);
        }
        NeedsTemporalCli needs = context.getRequiredTestClass().getAnnotation(NeedsTemporalCli.class);
        if (needs.server() && TemporalCluster.serverDir().isEmpty()) {
            return Optional.of(TemporalCluster.SERVER_MISSING);
        }
        boolean browser = needs.browser();
        if (browser && (onPath("chromium", "chromium-browser", "google-chrome").isEmpty()
                || onPath("chromedriver").isEmpty())) {
            return Optional.of(BROWSER_MISSING);
        }
        return Optional.empty();
    }

    static Optional<Path> onPath(String... names) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .flatMap(dir -> Stream.of(names).map(name -> Path.of(dir, name)))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
