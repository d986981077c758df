package io.perennial.acceptance;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A browser as portal tests need one: a cookie jar, forms with their CSRF token, the answer whatever its status. */
final class PortalBrowser {

    private static final Pattern CSRF = Pattern.compile("name=\"csrfToken\" value=\"([^\"]+)\"");

    final Map<String, String> cookies = new LinkedHashMap<>();
    private final BlockingHttpClient http;
    String language;

    PortalBrowser(BlockingHttpClient http) {
        this.http = http;
    }

    record Page(int status, String body, HttpResponse<?> response) {
        String header(String name) {
            return response.getHeaders().get(name);
        }

        List<String> setCookies() {
            return response.getHeaders().getAll("Set-Cookie");
        }

        String csrfToken() {
            Matcher token = CSRF.matcher(body);
            if (!token.find()) {
                throw new AssertionError("no CSRF field on the page: " + body);
            }
            return token.group(1);
        }
    }

    Page get(String path) {
        return send(HttpRequest.GET(path).accept(MediaType.TEXT_HTML_TYPE));
    }

    /** Posts the form with the CSRF token of {@code page}; {@code null} page: no token at all. */
    Page post(String path, Page page, Map<String, String> fields) {
        Map<String, String> all = new LinkedHashMap<>(fields);
        if (page != null) {
            all.put("csrfToken", page.csrfToken());
        }
        String body = all.entrySet().stream().map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.POST(path, body).contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE)
                .accept(MediaType.TEXT_HTML_TYPE));
    }

    private Page send(MutableHttpRequest<?> request) {
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies.entrySet().stream().map(c -> c.getKey() + "=" + c.getValue())
                    .collect(Collectors.joining("; ")));
        }
        if (language != null) {
            request.header("Accept-Language", language);
        }
        HttpResponse<?> response;
        try {
            response = http.exchange(request, String.class);
        } catch (HttpClientResponseException e) {
            response = e.getResponse();
        }
        for (String setCookie : response.getHeaders().getAll("Set-Cookie")) {
            String[] nameValue = setCookie.split(";", 2)[0].split("=", 2);
            boolean expired = setCookie.contains("Max-Age=0") || nameValue[1].isEmpty();
            if (expired) {
                cookies.remove(nameValue[0]);
            } else {
                cookies.put(nameValue[0], nameValue[1]);
            }
        }
        return new Page(response.code(), response.getBody(String.class).orElse(""), response);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
