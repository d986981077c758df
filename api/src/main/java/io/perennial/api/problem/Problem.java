package io.perennial.api.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * An RFC 9457 problem document. {@code type} is stable per kind of error; {@code errors} lists each invalid field.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, @Nullable String detail, @Nullable String instance,
                      @Nullable List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One invalid field: where ({@code pointer}, e.g. {@code /planId}) and what is wrong with it. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FieldError(@Nullable String pointer, String detail) {
    }
}
