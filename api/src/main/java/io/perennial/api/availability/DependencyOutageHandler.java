package io.perennial.api.availability;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.perennial.api.problem.ApiProblems;
import io.perennial.api.problem.Problem;
import io.perennial.api.problem.ProblemException;
import io.perennial.api.problem.ProblemExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Failures no more specific handler takes: {@code 503 service-unavailable} with {@code Retry-After} when they say
 * PostgreSQL or Temporal is unavailable (the request may be retried), otherwise the {@code 500 internal-error} the
 * framework would have answered, logged the same way.
 */
@Produces(Problem.MEDIA_TYPE)
@Singleton
public class DependencyOutageHandler implements ExceptionHandler<RuntimeException, HttpResponse<?>> {

    private static final Logger log = LoggerFactory.getLogger(DependencyOutageHandler.class);

    private final ProblemExceptionHandler problems;
    private final ErrorResponseProcessor<?> errors;

    public DependencyOutageHandler(ProblemExceptionHandler problems, ErrorResponseProcessor<?> errors) {
        this.problems = problems;
        this.errors = errors;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, RuntimeException failure) {
        var outage = DependencyOutage.of(failure);
        if (outage.isPresent()) {
            log.warn("{} {} answered 503: {} unavailable ({})", request.getMethod(), request.getPath(),
                    outage.get(), failure.toString());
            ProblemException unavailable = ApiProblems.serviceUnavailable(outage.get().description());
            return problems.handle(request, unavailable);
        }
        log.error("Unexpected error occurred: {}", failure.getMessage(), failure);
        return errors.processResponse(ErrorContext.builder(request).cause(failure)
                .errorMessage("Internal Server Error").build(), HttpResponse.serverError());
    }
}
