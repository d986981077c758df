package io.perennial.acceptance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * docker-compose.yml as the cluster rehearsal reads it: a service's environment with Compose's interpolation applied
 * ({@code ${NAME:-default}}, {@code ${NAME:?message}}, {@code ${NAME}}) from the variables a user would export, and
 * the compose network's host names swapped for the addresses the rehearsal's processes listen on.
 */
final class ComposeServices {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+)(?:(:-|:\\?)([^}]*))?}");

    final Path root;
    private final JsonNode compose;

    ComposeServices(Path root) {
        this.root = root;
        try {
            compose = new ObjectMapper(new YAMLFactory()).readTree(root.resolve("docker-compose.yml").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonNode service(String name) {
        JsonNode service = compose.path("services").path(name);
        if (service.isMissingNode()) {
            throw new AssertionError("docker-compose.yml has no service " + name);
        }
        return service;
    }

    /**
     * The service's environment as Compose would pass it: {@code exported} are the variables set in the shell that
     * runs {@code docker compose up}; {@code addresses} maps a compose host:port (e.g. {@code temporal:7233}) to the
     * local one wherever a value names it; {@code local} replaces or adds whole variables that only differ because
     * the processes share one host (a host name alone, ports). A required variable not exported fails, as in Compose.
     */
    Map<String, String> environment(String name, Map<String, String> exported, Map<String, String> addresses,
                                    Map<String, String> local) {
        Map<String, String> environment = new LinkedHashMap<>();
        service(name).path("environment").fields().forEachRemaining(entry -> {
            String value = interpolate(entry.getValue().asText(), exported, name + "." + entry.getKey());
            for (Map.Entry<String, String> address : addresses.entrySet()) {
                value = value.replace(address.getKey(), address.getValue());
            }
            environment.put(entry.getKey(), value);
        });
        environment.putAll(local);
        return environment;
    }

    /** The script a one-off job runs: its command's last word, a path inside the container, mapped to the host. */
    Path jobScript(String name) {
        JsonNode command = service(name).path("command");
        return volumeSource(name, command.get(command.size() - 1).asText());
    }

    /** A {@code -c name=value} setting of the service's command, or {@code fallback} (the image's default). */
    String commandSetting(String name, String setting, String fallback) {
        for (JsonNode word : service(name).path("command")) {
            if (word.asText().startsWith(setting + "=")) {
                return word.asText().substring(setting.length() + 1);
            }
        }
        return fallback;
    }

    /** The host path of a volume mounted into the service at {@code containerPath}. */
    Path volumeSource(String name, String containerPath) {
        for (JsonNode volume : service(name).path("volumes")) {
            String[] parts = volume.asText().split(":");
            if (parts.length >= 2 && parts[1].equals(containerPath)) {
                return root.resolve(parts[0]).normalize();
            }
        }
        throw new AssertionError(name + " mounts nothing at " + containerPath);
    }

    private static String interpolate(String value, Map<String, String> exported, String where) {
        Matcher variable = VARIABLE.matcher(value);
        StringBuilder resolved = new StringBuilder();
        while (variable.find()) {
            String set = exported.get(variable.group(1));
            String replacement;
            if (set != null && !set.isEmpty()) {
                replacement = set;
            } else if (":?".equals(variable.group(2))) {
                throw new AssertionError(where + ": Compose refuses to start without " + variable.group(1));
            } else {
                replacement = variable.group(3) == null ? "" : variable.group(3);
            }
            variable.appendReplacement(resolved, Matcher.quoteReplacement(replacement));
        }
        variable.appendTail(resolved);
        return resolved.toString();
    }
}
