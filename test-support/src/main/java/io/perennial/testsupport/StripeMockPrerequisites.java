package io.perennial.testsupport;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.opentest4j.AssertionFailedError;

import java.lang.reflect.Method;

/**
 * What {@link NeedsStripeMock} does, as the launcher's {@code RealTemporalPrerequisites} does for the Temporal CLI:
 * without the binary the suite's {@code @BeforeAll}/{@code @AfterAll} are not called and every test fails its own
 * assumption (so each is counted as skipped, with the message), and under {@code CI=true} the suite fails.
 */
public final class StripeMockPrerequisites implements BeforeAllCallback, BeforeEachCallback, InvocationInterceptor {

    @Override
    public void beforeAll(ExtensionContext context) {
        if (missing() && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionFailedError("CI must run the stripe-mock suites. " + StripeMock.MISSING);
        }
    }

    @Override
    public void interceptBeforeAllMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> method,
                                         ExtensionContext context) throws Throwable {
        proceedWhenPresent(invocation);
    }

    @Override
    public void interceptAfterAllMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> method,
                                        ExtensionContext context) throws Throwable {
        proceedWhenPresent(invocation);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Assumptions.assumeFalse(missing(), StripeMock.MISSING);
    }

    private static void proceedWhenPresent(Invocation<Void> invocation) throws Throwable {
        if (missing()) {
            invocation.skip();
        } else {
            invocation.proceed();
        }
    }

    private static boolean missing() {
        return StripeMock.binary().isEmpty();
    }
}
