package io.perennial.testsupport;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A suite that talks to stripe-mock ({@link StripeMock}). Where the binary is missing, each test of the suite is
 * reported skipped with how to get it; under CI ({@code CI=true}) the suite fails instead, as the real-Temporal
 * suites do.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(StripeMockPrerequisites.class)
public @interface NeedsStripeMock {
}
