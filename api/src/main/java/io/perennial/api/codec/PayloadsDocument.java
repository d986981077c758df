package io.perennial.api.codec;

import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;
import java.util.Map;

/**
 * The shape of the codec endpoint's bodies for the OpenAPI document: a Temporal {@code Payloads} message in protobuf
 * JSON. The controller reads and writes it with protobuf's own JSON format, so this record only documents it.
 */
@Schema(name = "Payloads", description = "A Temporal Payloads message in protobuf JSON")
public record PayloadsDocument(
        // protobuf's JSON leaves out an empty list: {"payloads":[]} comes back as {}.
        @ArraySchema(maxItems = 1000, schema = @Schema(implementation = PayloadDocument.class))
        @Nullable List<PayloadDocument> payloads) {

    /** One payload: metadata values and data are base64 of their bytes. */
    @Schema(name = "Payload")
    public record PayloadDocument(
            @Schema(description = "metadata key to base64 of the value, e.g. encoding, encryption-key-id",
                    requiredMode = Schema.RequiredMode.NOT_REQUIRED)
            Map<String, String> metadata,
            @Schema(description = "base64 of the (possibly encrypted) bytes", format = "byte",
                    requiredMode = Schema.RequiredMode.NOT_REQUIRED) String data) {
    }
}
