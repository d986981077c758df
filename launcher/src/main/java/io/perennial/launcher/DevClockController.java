package io.perennial.launcher;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import io.perennial.api.problem.Problem;
import io.perennial.api.problem.ProblemException;
import io.perennial.api.problem.ApiProblems;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/** The test clock of the embedded mode. It does not exist anywhere else. */
@Controller("/v1/dev/clock")
@Requires(bean = TestClock.class)
@Secured({"OPS", "ADMIN"})
public class DevClockController {

    private static final Duration LONGEST_STEP = Duration.ofDays(3660);

    private final TestClock clock;

    public DevClockController(TestClock clock) {
        this.clock = clock;
    }

    @Serdeable
    public record ClockView(Instant now) {
    }

    /** @param duration ISO-8601, in days or smaller units, e.g. {@code P31D} or {@code PT36H} */
    @Serdeable
    public record AdvanceRequest(@NotBlank @Size(max = 32) String duration) {
    }

    @Serdeable
    public record AdvanceView(Instant before, Instant now, String advancedBy) {
    }

    @Get
    public ClockView now() {
        return new ClockView(clock.now());
    }

    @Post("/advance")
    public AdvanceView advance(@Body @Valid AdvanceRequest request) {
        Duration step = parse(request.duration());
        Instant before = clock.now();
        Instant after = clock.advance(step);
        return new AdvanceView(before, after, step.toString());
    }

    private static Duration parse(String text) {
        Duration step;
        try {
            step = Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw invalid("'" + text + "' is not an ISO-8601 duration in days or smaller units, e.g. P31D or PT36H");
        }
        if (step.isNegative() || step.isZero()) {
            throw invalid("time only moves forward: give a positive duration");
        }
        if (step.compareTo(LONGEST_STEP) > 0) {
            throw invalid("advance at most " + LONGEST_STEP.toDays() + " days at a time");
        }
        return step;
    }

    private static ProblemException invalid(String detail) {
        return new ProblemException(new Problem(ApiProblems.BASE + "validation", "Invalid request", 400, detail, null,
                List.of(new Problem.FieldError("/duration", detail))));
    }
}
