package io.perennial.api.problem;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.JsonErrorResponseBodyProvider;
import io.micronaut.serde.exceptions.InvalidPropertyFormatException;
import io.micronaut.serde.exceptions.SerdeException;
import io.micronaut.serde.exceptions.path.CollectionItemReferencePath;
import io.micronaut.serde.exceptions.path.MapItemReferencePath;
import io.micronaut.serde.exceptions.path.PropertyReferencePath;
import io.micronaut.serde.exceptions.path.ReferencePath;
import io.micronaut.web.router.exceptions.UnsatisfiedBodyRouteException;
import io.perennial.api.json.StrictScalars;
import io.perennial.api.json.TextDeserializer;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Every error the framework answers (validation, 401, 403, 404, 405, 415, 413, 500) as an RFC 9457 problem
 * document. Server errors never carry the exception's message: no stack traces or SQL reach a client.
 */
@Singleton
@Replaces(JsonErrorResponseBodyProvider.class)
public class ProblemBodyProvider implements JsonErrorResponseBodyProvider<Problem> {
    private static final Pattern UNKNOWN_PROPERTY = Pattern.compile("Unknown property \\[([^\\]]+)]");
    private static final Pattern CHOICES = Pattern.compile("(one of \\[[^\\]]*])");
    /** Reasons our own deserializers give, passed on as they are. */
    private static final List<String> REFUSALS = Stream.concat(TextDeserializer.REFUSALS.stream(),
            StrictScalars.REFUSALS.stream()).toList();

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
        if (status == 400 && context.getRootCause().orElse(null) instanceof UnsatisfiedBodyRouteException) {
            return new Problem(ApiProblems.BASE + "validation", "Invalid request", status, "A JSON body is required.",
                    path, List.of(new Problem.FieldError("", "a JSON body is required")));
        }
        Optional<SerdeException> unreadable = context.getRootCause().flatMap(ProblemBodyProvider::serdeCause);
        if (status == 400 && unreadable.isPresent()) {
            return new Problem(ApiProblems.BASE + "validation", "Invalid request", status,
                    "The request body does not match the contract; see errors.", path,
                    List.of(bodyError(unreadable.get())));
        }
        if (status == 400 && context.getRootCause().orElse(null) instanceof ConversionErrorException conversion) {
            return new Problem(ApiProblems.BASE + "validation", "Invalid request", status,
                    "The request has 1 invalid value(s); see errors.", path,
                    List.of(new Problem.FieldError("/" + conversion.getArgument().getName(), expected(conversion))));
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

    /**
     * What a query or path parameter should have been: the allowed values of an enum, never the Java type or the
     * converter's message ("No enum constant io.perennial…").
     */
    private static String expected(ConversionErrorException conversion) {
        Class<?> type = conversion.getArgument().getType();
        if (type.isEnum()) {
            return "expected one of " + Arrays.toString(type.getEnumConstants());
        }
        return "not a value of the expected type";
    }

    /** The body's deserialization failure, if that is what the error is. */
    private static Optional<SerdeException> serdeCause(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SerdeException serde) {
                return Optional.of(serde);
            }
        }
        return Optional.empty();
    }

    /**
     * The field a body could not be read at and why, in the contract's words: the deserializer's own messages name
     * Java types, which are not the client's business.
     */
    private static Problem.FieldError bodyError(SerdeException error) {
        Matcher unknown = UNKNOWN_PROPERTY.matcher(String.valueOf(error.getMessage()));
        if (unknown.find()) {
            // The path ends at the unknown field itself, except at the top level of some bodies.
            String at = bodyPointer(error);
            String field = "/" + unknown.group(1);
            return new Problem.FieldError(at.endsWith(field) ? at : at + field,
                    "unknown field: the request has no such field");
        }
        String pointer = bodyPointer(error);
        if (pointer.isEmpty() && error instanceof InvalidPropertyFormatException property) {
            pointer = "/" + property.getArgument().getName();
        }
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            for (String refusal : REFUSALS) {
                if (String.valueOf(cause.getMessage()).contains(refusal)) {
                    return new Problem.FieldError(pointer, refusal);
                }
            }
            Matcher choices = CHOICES.matcher(String.valueOf(cause.getMessage()));
            if (choices.find()) {
                return new Problem.FieldError(pointer, "expected " + choices.group(1));
            }
        }
        return new Problem.FieldError(pointer, "not a value of the expected type");
    }

    /** The JSON pointer of where in the body the deserializer was ("" for the body itself). */
    private static String bodyPointer(SerdeException error) {
        // The exception lists the innermost reference first.
        List<String> segments = new ArrayList<>(error.getPath().stream().map(ProblemBodyProvider::segment)
                .filter(segment -> !segment.isEmpty()).toList());
        Collections.reverse(segments);
        return segments.stream().map(segment -> "/" + segment).collect(Collectors.joining());
    }

    private static String segment(ReferencePath reference) {
        if (reference instanceof CollectionItemReferencePath item) {
            return String.valueOf(item.index());
        }
        if (reference instanceof MapItemReferencePath item) {
            return item.key();
        }
        return reference instanceof PropertyReferencePath property ? property.property().getName() : "";
    }

    /** "subscribe.request.planId" → "/planId": the field as the client sent it. */
    private static String pointer(String path) {
        if (path.startsWith("/")) {
            return path;
        }
        String[] parts = path.split("\\.");
        int from = parts.length > 2 ? 2 : parts.length - 1;
        return "/" + String.join("/", java.util.Arrays.copyOfRange(parts, from, parts.length));
    }
}
