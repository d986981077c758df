package io.perennial.api.console;

import io.micronaut.aop.Around;
import io.micronaut.context.annotation.Type;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Every POST of the annotated console controller must carry a valid CSRF token in its form, or it is refused with a
 * 403 page before the method runs: the portal's {@code @CsrfChecked}, answering with the console's page.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Around
@Type(ConsoleCsrfCheckInterceptor.class)
public @interface ConsoleCsrfChecked {
}
