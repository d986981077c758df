package io.perennial.api.codec;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.perennial.api.json.JsonNesting;
import io.perennial.api.problem.ApiProblems;
import io.perennial.api.problem.ProblemResponses;
import io.perennial.temporal.client.TemporalConfiguration;
import io.perennial.temporal.codec.AesGcmPayloadCodec;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.payload.codec.PayloadCodecException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The remote codec the Temporal Web UI calls to show encrypted payloads to staff, following Temporal's codec
 * server protocol: {@code POST /decode} and {@code POST /encode} with a {@code Payloads} message as protobuf JSON
 * and the namespace in {@code X-Namespace}. Only signed-in ops and admin users get plain text; the browser
 * authenticates with the codec session cookie ({@link CodecSessionController}) or a bearer token.
 */
@Controller(CodecSessionTokenReader.PATH)
@Secured({"OPS", "ADMIN"})
@ProblemResponses.Unauthenticated
@ProblemResponses.Forbidden
@ProblemResponses.InvalidRequest
public class CodecController {

    private static final Logger log = LoggerFactory.getLogger(CodecController.class);
    private static final int MAX_PAYLOADS = 1000;

    private final AesGcmPayloadCodec codec;
    private final String namespace;

    public CodecController(AesGcmPayloadCodec codec, TemporalConfiguration temporal) {
        this.codec = codec;
        this.namespace = temporal.namespace();
    }

    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PayloadsDocument.class)))
    @ApiResponse(responseCode = "200", description = "The same payloads, decrypted where this codec holds the key; others unchanged",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = PayloadsDocument.class)))
    @Post(uri = "/decode", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    public String decode(Authentication who, @Nullable @Header("X-Namespace") String requestedNamespace,
                         @Body String payloads) {
        Payloads in = parse(requestedNamespace, payloads);
        // One payload that cannot be read (an unknown key) is returned as it is; the UI shows the rest.
        List<Payload> out = each(in, payload -> {
            try {
                return codec.decode(List.of(payload)).get(0);
            } catch (PayloadCodecException e) {
                log.warn("Codec: a payload could not be decrypted for {}: {}", who.getName(), e.getMessage());
                return payload;
            }
        });
        log.info("Codec: {} decoded {} payload(s)", who.getName(), out.size());
        return print(out);
    }

    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PayloadsDocument.class)))
    @ApiResponse(responseCode = "200", description = "The payloads, encrypted with the current key",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = PayloadsDocument.class)))
    @Post(uri = "/encode", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    public String encode(@Nullable @Header("X-Namespace") String requestedNamespace, @Body String payloads) {
        return print(codec.encode(parse(requestedNamespace, payloads).getPayloadsList()));
    }

    private Payloads parse(@Nullable String requestedNamespace, String json) {
        if (requestedNamespace != null && !requestedNamespace.isBlank() && !requestedNamespace.equals(namespace)) {
            throw ApiProblems.codecRequest("this codec serves namespace '" + namespace + "', not '"
                    + requestedNamespace + "'");
        }
        if (!JsonNesting.withinLimit(json)) {
            throw ApiProblems.codecRequest(JsonNesting.TOO_DEEP);
        }
        Payloads.Builder payloads = Payloads.newBuilder();
        try {
            JsonFormat.parser().merge(json, payloads);
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            throw ApiProblems.codecRequest("the body must be a Temporal Payloads message in protobuf JSON: "
                    + "{\"payloads\":[{\"metadata\":{\"encoding\":\"<base64>\"},\"data\":\"<base64>\"}]}");
        }
        if (payloads.getPayloadsCount() > MAX_PAYLOADS) {
            throw ApiProblems.codecRequest("at most " + MAX_PAYLOADS + " payloads per request");
        }
        return payloads.build();
    }

    private static List<Payload> each(Payloads payloads, UnaryOperator<Payload> operation) {
        List<Payload> result = new ArrayList<>(payloads.getPayloadsCount());
        for (Payload payload : payloads.getPayloadsList()) {
            result.add(operation.apply(payload));
        }
        return result;
    }

    private static String print(List<Payload> payloads) {
        try {
            return JsonFormat.printer().omittingInsignificantWhitespace()
                    .print(Payloads.newBuilder().addAllPayloads(payloads).build());
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }
}
