package io.perennial.api.problem;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

@Produces(Problem.MEDIA_TYPE)
@Singleton
public class ProblemExceptionHandler implements ExceptionHandler<ProblemException, HttpResponse<Problem>> {

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, ProblemException exception) {
        Problem problem = exception.problem();
        // The occurrence: what the problem names itself (e.g. the resource it is about), else the request's path.
        Problem withInstance = new Problem(problem.type(), problem.title(), problem.status(), problem.detail(),
                problem.instance() != null ? problem.instance() : request.getPath(), problem.errors());
        var response = HttpResponse.<Problem>status(HttpStatus.valueOf(problem.status()))
                .contentType(Problem.MEDIA_TYPE)
                .body(withInstance);
        exception.retryAfterSeconds().ifPresent(seconds -> response.header("Retry-After", String.valueOf(seconds)));
        return response;
    }
}
