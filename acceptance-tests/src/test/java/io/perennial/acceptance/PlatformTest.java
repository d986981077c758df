package io.perennial.acceptance;

import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test class that drives the running platform from outside. {@link PerennialPlatformExtension} starts the platform
 * it describes, at most once per JVM for each distinct configuration, and sets the class's fields of type
 * {@link TestPlatform}, {@link ApiSession}, {@link RawHttp} and {@link TemporalDevServer} before its
 * {@code @BeforeAll} methods run. Classes on the same configuration share one platform, so each test makes its own
 * customers, SKUs and coupons, and never counts what is platform-wide.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(PerennialPlatformExtension.class)
public @interface PlatformTest {

    /** Configuration on top of the test defaults, each {@code name=value}; part of what makes a platform distinct. */
    String[] properties() default {};

    /**
     * A platform for this class alone, stopped after it. For a class that moves the test clock (every subscription
     * on the platform would renew with it), switches the provider into an outage, counts platform-wide figures, or
     * locks out the test's address.
     */
    boolean ownPlatform() default false;

    /** Which Temporal the platform runs on; anything but the in-process server needs {@link NeedsTemporalCli}. */
    Temporal temporal() default Temporal.IN_PROCESS;

    enum Temporal {
        /** The Temporal Java test server in the test's JVM, with a test clock. */
        IN_PROCESS,
        /** {@code temporal server start-dev}, headless. */
        DEV_SERVER,
        /** {@code temporal server start-dev} with its Web UI, which the API lets call its codec endpoint (CORS). */
        DEV_SERVER_WITH_UI
    }
}
