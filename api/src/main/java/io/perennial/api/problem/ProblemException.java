package io.perennial.api.problem;

/** Thrown by services to answer with a specific problem document. */
public class ProblemException extends RuntimeException {
    private final transient Problem problem;
    private final Long retryAfterSeconds;

    public ProblemException(Problem problem) {
        this(problem, null);
    }

    /** With a {@code Retry-After} header (seconds), e.g. for 429. */
    public ProblemException(Problem problem, Long retryAfterSeconds) {
        super(problem.title() + ": " + problem.detail(), null, false, false);
        this.problem = problem;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public java.util.Optional<Long> retryAfterSeconds() {
        return java.util.Optional.ofNullable(retryAfterSeconds);
    }

    public Problem problem() {
        return problem;
    }
}
