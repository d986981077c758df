package io.perennial.api.console;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.perennial.api.portal.PortalForms;

/** The console's forms as posted; like the portal's, every field may be missing and the services check them. */
public final class ConsoleForms {

    private ConsoleForms() {
    }

    /** Bulk retry of the failed renewals the list's filter selects (the filter travels as hidden fields). */
    @Serdeable
    public record BulkRetry(@Nullable String reason, @Nullable String planId, @Nullable String from,
                            @Nullable String until, @Nullable String csrfToken) implements PortalForms.Form {
    }
}
