package io.perennial.api.auth;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a route (or every route of a controller) that changes something a BILLING user of a customer account may
 * change: payment methods, a payment, their own sign-in. Every other change is refused to them
 * ({@link AccountRoleFilter}), so a new route is closed to billing users until someone decides otherwise.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface BillingUsersMay {
}
