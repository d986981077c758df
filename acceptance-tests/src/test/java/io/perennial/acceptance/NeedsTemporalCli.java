package io.perennial.acceptance;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A suite that runs against the real Temporal server (see {@link TemporalDevServer}) and so needs the Temporal CLI,
 * and with {@code browser = true} also headless chromium and chromedriver, with {@code server = true} also the Temporal
 * server and its SQL tool built from Go modules ({@link TemporalCluster}). Where they are missing, each test of the
 * suite is reported skipped with how to get them; under CI ({@code CI=true}) the suite fails instead.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RealTemporalPrerequisites.class)
@interface NeedsTemporalCli {
    boolean browser() default false;

    boolean server() default false;
}
