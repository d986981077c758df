package io.perennial.api.problem;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.JsonErrorResponseBodyProvider;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * Every error the framework answers (validation, 401, 403, 404, 405, 415, 413, 500) as an RFC 9457 problem
 * document. Server errors never carry the exception's message: no stack traces or SQL reach a client.
 */
@Singleton
@Replaces(JsonErrorResponseBodyProvider.class)
public class ProblemBodyProvider implements JsonErrorResponseBodyProvider<Problem> {

    @Override
    public Problem body(ErrorContext context, HttpResponse<?> response) {
        int status = response.code();
        String path = context.getRequest().getPath();
        if (status >= 500) {
            return new Problem(ApiProblems.BASE + "internal-error", "Internal error", status,
                    "Something went wrong on our side. The error was logged.", path, null);
        }
        if (status == 400 && context.getErrors().stream().anyMatch(e -> e.getMessage().startsWith("Invalid JSON"))) {
            return new Problem(ApiProblems.BASE + "malformed-json", "Malformed JSON", status,
                    "The request body is not valid JSON.", path, null);
        }
        if (status == 400 && context.hasErrors()) {
            List<Problem.FieldError> errors = context.getErrors().stream().map(ProblemBodyProvider::fieldError).toList();
            return new Problem(ApiProblems.BASE + "validation", "Invalid request", status,
                    "The request has " + errors.size() + " invalid value(s); see errors.", path, errors);
        }
        String kind = switch (status) {
            case 400 -> "bad-request";
            case 401 -> "unauthenticated";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 413 -> "payload-too-large";
            case 415 -> "unsupported-media-type";
            default -> "http-" + status;
        };
        String detail = context.getErrors().isEmpty() ? response.reason() : context.getErrors().get(0).getMessage();
        return new Problem(ApiProblems.BASE + kind, response.reason(), status, detail, path, null);
    }

    @Override
    public String contentType() {
        return Problem.MEDIA_TYPE;
    }

    private static Problem.FieldError fieldError(Error error) {
        if (error.getPath().isPresent()) {
            return new Problem.FieldError(pointer(error.getPath().get()), error.getMessage());
        }
        // Bean validation reports "request.planId: must not be blank".
        String message = error.getMessage();
        int colon = message.indexOf(": ");
        if (colon > 0 && !message.substring(0, colon).contains(" ")) {
            return new Problem.FieldError(pointer("x." + message.substring(0, colon)), message.substring(colon + 2));
        }
        return new Problem.FieldError(null, message);
    }

    /** "subscribe.request.planId" → "/planId": the field as the client sent it. */
    private static String pointer(String path) {
        String[] parts = path.split("\\.");
        int from = parts.length > 2 ? 2 : parts.length - 1;
        return "/" + String.join("/", java.util.Arrays.copyOfRange(parts, from, parts.length));
    }
}
