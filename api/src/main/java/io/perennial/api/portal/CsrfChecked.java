package io.perennial.api.portal;

import io.micronaut.aop.Around;
import io.micronaut.context.annotation.Type;

import io.perennial.api.auth.AccountRoleRefusedAsPage;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Every POST of the annotated controller must carry a valid CSRF token in its form ({@link PortalForms.Form}), or
 * it is refused with 403 before the method runs. The token is Micronaut Security's (its generator, cookie and
 * validator); only the moment of the check is ours, because its CsrfFilter reads the form body in a filter and, on
 * Micronaut 4.10 behind the metrics filter, failed with a 500 whenever the body arrived after the headers.
 * A billing user's change outside {@code @BillingUsersMay} is refused here too, with a 403 page.
 */
@Documented
@AccountRoleRefusedAsPage
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Around
@Type(CsrfCheckInterceptor.class)
public @interface CsrfChecked {
}
