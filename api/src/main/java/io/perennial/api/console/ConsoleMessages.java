package io.perennial.api.console;

import io.micronaut.context.MessageSource;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.i18n.ResourceBundleMessageSource;
import jakarta.inject.Singleton;

/**
 * Every string of the console's pages: i18n/console.properties (English) and console_zh.properties. Their keys all
 * start with {@code console.}, so they never shadow the portal's in the composite message source.
 */
@Factory
public class ConsoleMessages {

    @Singleton
    MessageSource consoleMessageSource() {
        return new ResourceBundleMessageSource("i18n.console");
    }
}
