package io.perennial.api.ops;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.perennial.api.auth.CurrentUser;
import io.perennial.api.problem.ProblemResponses;
import io.perennial.payment.GatewayOutage;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;

/**
 * The simulated payment provider's outage switch, for demonstrating and testing a provider outage: ERRORS (every
 * call answers 503), TIMEOUTS (no call is answered in time), LOST_ANSWERS (charges are booked, their answers lost) or
 * NONE.
 */
@Controller("/v1/ops/gateway/outage")
@Secured({"OPS", "ADMIN"})
@ProblemResponses.Unauthenticated
@ProblemResponses.Forbidden
public class GatewayOpsController {
    private static final Logger log = LoggerFactory.getLogger(GatewayOpsController.class);

    @Serdeable
    public record OutageRequest(@NotNull GatewayOutage.Mode mode, @Nullable @Size(max = 500) String note) {
    }

    @Serdeable
    public record OutageView(String mode, @Nullable String note, @Nullable String changedBy, Instant changedAt) {
        static OutageView of(GatewayOutage.State state) {
            return new OutageView(state.mode().name(), state.note(), state.changedBy(), state.changedAt());
        }
    }

    private final GatewayOutage outage;

    public GatewayOpsController(GatewayOutage outage) {
        this.outage = outage;
    }

    @Get
    @Operation(operationId = "getGatewayOutage")
    public OutageView get() {
        return OutageView.of(outage.state());
    }

    @Put
    @Operation(operationId = "setGatewayOutage")
    @ProblemResponses.InvalidBody
    public OutageView set(Authentication authentication, @Body @Valid OutageRequest request) {
        String by = CurrentUser.of(authentication).userId().toString();
        // The note is optional: say so rather than log "null" as the reason.
        log.warn("Simulated payment provider outage set to {} by {}{}", request.mode(), by,
                request.note() == null || request.note().isBlank() ? " (no note)" : ": " + request.note());
        return OutageView.of(outage.set(request.mode(), request.note(), by));
    }
}
