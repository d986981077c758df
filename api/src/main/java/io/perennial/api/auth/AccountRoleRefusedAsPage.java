package io.perennial.api.auth;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On an annotation that guards browser pages (the portal's {@code @CsrfChecked}): the routes it marks refuse a
 * BILLING user's change themselves, with a page a person reads rather than a JSON problem, by the same rule
 * ({@link AccountRoleFilter#mayChange}). {@link AccountRoleFilter} leaves those routes to them.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.ANNOTATION_TYPE)
public @interface AccountRoleRefusedAsPage {
}
