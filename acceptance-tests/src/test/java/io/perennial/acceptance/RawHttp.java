package io.perennial.acceptance;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;

import java.util.List;
import java.util.Map;

/**
 * Requests as a hostile or careless client sends them: any method, a body as raw text (or an object the client
 * serializes), and the answer whatever its status, for tests of what the API's edges refuse and how.
 */
final class RawHttp {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROBLEM = "application/problem+json";

    private final BlockingHttpClient http;

    RawHttp(BlockingHttpClient http) {
        this.http = http;
    }

    /** What came back: status, content type (without parameters), body text, and the response for its headers. */
    record Answer(int status, String contentType, String body, HttpResponse<?> response) {

        @SuppressWarnings("unchecked")
        Map<String, Object> json() {
            try {
                return JSON.readValue(body, Map.class);
            } catch (java.io.IOException e) {
                throw new AssertionError("not a JSON object: " + body, e);
            }
        }

        /** The problem document, or an empty map when the answer is not one. */
        Map<String, Object> problem() {
            return PROBLEM.equals(contentType) ? json() : Map.of();
        }

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> errors() {
            return (List<Map<String, Object>>) json().getOrDefault("errors", List.of());
        }
    }

    /** A JSON body: text sent exactly as written (escapes, broken syntax and all), anything else serialized. */
    Answer call(String token, String method, String path, Object body) {
        return call(token, method, path, MediaType.APPLICATION_JSON, body);
    }

    /** A GET that asks for {@code accept} (e.g. text/csv). */
    Answer get(String token, String path, String accept) {
        MutableHttpRequest<Object> request = HttpRequest.create(HttpMethod.GET, path);
        request.accept(MediaType.of(accept)).bearerAuth(token);
        HttpResponse<?> response;
        try {
            response = http.exchange(request, String.class);
        } catch (HttpClientResponseException e) {
            response = e.getResponse();
        }
        return new Answer(response.code(), response.getContentType().map(MediaType::getName).orElse(null),
                response.getBody(String.class).orElse(""), response);
    }

    /** Anonymous when {@code token} is null; no body when {@code body} is null or the method is GET or DELETE. */
    Answer call(String token, String method, String path, String contentType, Object body) {
        MutableHttpRequest<Object> request = HttpRequest.create(HttpMethod.valueOf(method), path);
        if (body != null && !method.equals("GET") && !method.equals("DELETE")) {
            request.body(body).contentType(contentType);
        }
        if (token != null) {
            request.bearerAuth(token);
        }
        HttpResponse<?> response;
        try {
            response = http.exchange(request, String.class);
        } catch (HttpClientResponseException e) {
            response = e.getResponse();
        }
        return new Answer(response.code(), response.getContentType().map(MediaType::getName).orElse(null),
                response.getBody(String.class).orElse(""), response);
    }
}
