package io.perennial.api.portal;

import io.micronaut.context.MessageSource;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.i18n.ResourceBundleMessageSource;
import jakarta.inject.Singleton;

/** Every string of the portal's pages and PDFs: i18n/portal.properties (English), portal_zh_CN.properties. */
@Factory
public class PortalMessages {

    public static final String BUNDLE = "i18n.portal";

    @Singleton
    MessageSource portalMessageSource() {
        return new ResourceBundleMessageSource(BUNDLE);
    }
}
