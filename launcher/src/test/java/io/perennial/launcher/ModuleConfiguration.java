package io.perennial.launcher;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one runnable module of the repository declares, read from its sources rather than restated: the image Jib
 * builds and the ports it exposes (pom.xml), its main class and the Micronaut environment that class starts, and the
 * environment variables its configuration reads ({@code ${VAR}} and {@code ${VAR:default}} placeholders in the
 * application.yml and application-{environment}.yml of the module and of the Perennial modules it depends on).
 *
 * <p>Only placeholders count: an environment variable that merely matches a property through Micronaut's
 * relaxed binding (PERENNIAL_X_Y for perennial.x.y) is not treated as read, so the compose file sets only what the
 * configuration names.
 */
final class ModuleConfiguration {

    private static final Pattern ENV_PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(:|})");
    private static final Pattern ENVIRONMENTS = Pattern.compile("\\.environments\\(([^)]*)\\)");
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]+)\"");

    private final Path root;
    private final String folder;
    private final Document pom;

    ModuleConfiguration(Path root, String folder) {
        this.root = root;
        this.folder = folder;
        this.pom = parse(root.resolve(folder).resolve("pom.xml"));
    }

    String folder() {
        return folder;
    }

    /** The Jib target image, with ${project.version} resolved from the parent pom. */
    String jibImage() {
        String image = text(jibConfiguration(), "to", "image")
                .orElseThrow(() -> new AssertionError(folder + "/pom.xml configures no jib to/image"));
        return image.replace("${project.version}", projectVersion());
    }

    /** The ports the image exposes (Jib container/ports). */
    List<String> jibPorts() {
        List<String> ports = new ArrayList<>();
        Element container = child(jibConfiguration(), "container");
        Element portList = container == null ? null : child(container, "ports");
        if (portList != null) {
            for (Element port : children(portList, "port")) {
                ports.add(port.getTextContent().trim());
            }
        }
        return ports;
    }

    String mainClass() {
        return property("exec.mainClass")
                .orElseThrow(() -> new AssertionError(folder + "/pom.xml sets no exec.mainClass"));
    }

    /** The Micronaut environments the main class starts, as written in its source. */
    List<String> environments() {
        Path source = root.resolve(folder).resolve("src/main/java").resolve(mainClass().replace('.', '/') + ".java");
        Matcher call = ENVIRONMENTS.matcher(read(source));
        List<String> environments = new ArrayList<>();
        while (call.find()) {
            Matcher name = QUOTED.matcher(call.group(1));
            while (name.find()) {
                environments.add(name.group(1));
            }
        }
        return environments;
    }

    /** The configuration files this module's application loads: its own and those of the modules it depends on. */
    List<Path> configurationFiles() {
        List<String> names = new ArrayList<>(List.of("application.yml"));
        environments().forEach(environment -> names.add("application-" + environment + ".yml"));
        List<Path> files = new ArrayList<>();
        for (String module : withPerennialDependencies()) {
            for (String name : names) {
                Path file = root.resolve(module).resolve("src/main/resources").resolve(name);
                if (Files.exists(file)) {
                    files.add(file);
                }
            }
        }
        return files;
    }

    /**
     * Every environment variable the configuration reads, each with its default (empty when the placeholder has
     * none, i.e. the application cannot start without it).
     */
    Map<String, Optional<String>> environmentVariables() {
        Map<String, Optional<String>> variables = new LinkedHashMap<>();
        for (Path file : configurationFiles()) {
            String text = read(file);
            Matcher placeholder = ENV_PLACEHOLDER.matcher(text);
            while (placeholder.find()) {
                Optional<String> fallback = placeholder.group(2).equals(":")
                        ? Optional.of(defaultValue(text, placeholder.end()))
                        : Optional.empty();
                variables.merge(placeholder.group(1), fallback, (first, second) -> first.isPresent() ? first : second);
            }
        }
        return variables;
    }

    private static String defaultValue(String text, int start) {
        int end = text.indexOf('}', start);
        String value = text.substring(start, end).trim();
        return value.startsWith("`") && value.endsWith("`") ? value.substring(1, value.length() - 1) : value;
    }

    /** This module's folder and, transitively, the folders of the io.perennial modules it depends on. */
    private Set<String> withPerennialDependencies() {
        Set<String> modules = new LinkedHashSet<>();
        collect(folder, modules);
        return modules;
    }

    private void collect(String module, Set<String> modules) {
        if (!modules.add(module)) {
            return;
        }
        Document modulePom = module.equals(folder) ? pom : parse(root.resolve(module).resolve("pom.xml"));
        Element dependencies = child(modulePom.getDocumentElement(), "dependencies");
        if (dependencies == null) {
            return;
        }
        for (Element dependency : children(dependencies, "dependency")) {
            boolean perennial = text(dependency, "groupId").orElse("").equals("io.perennial");
            boolean runtime = text(dependency, "scope").map(scope -> !scope.equals("test")).orElse(true);
            String artifact = text(dependency, "artifactId").orElse("");
            if (perennial && runtime && artifact.startsWith("perennial-")) {
                collect(artifact.substring("perennial-".length()), modules);
            }
        }
    }

    private Element jibConfiguration() {
        Element build = child(pom.getDocumentElement(), "build");
        Element plugins = build == null ? null : child(build, "plugins");
        if (plugins != null) {
            for (Element plugin : children(plugins, "plugin")) {
                if (text(plugin, "artifactId").orElse("").equals("jib-maven-plugin")) {
                    return Optional.ofNullable(child(plugin, "configuration"))
                            .orElseThrow(() -> new AssertionError(folder + "/pom.xml: jib-maven-plugin has no configuration"));
                }
            }
        }
        throw new AssertionError(folder + "/pom.xml declares no jib-maven-plugin");
    }

    private Optional<String> property(String name) {
        Element properties = child(pom.getDocumentElement(), "properties");
        return properties == null ? Optional.empty() : text(properties, name);
    }

    private String projectVersion() {
        Element parent = child(pom.getDocumentElement(), "parent");
        return Optional.ofNullable(parent).flatMap(element -> text(element, "version"))
                .or(() -> text(pom.getDocumentElement(), "version"))
                .orElseThrow(() -> new AssertionError(folder + "/pom.xml has no version"));
    }

    private static Optional<String> text(Element element, String... path) {
        Element current = element;
        for (String name : path) {
            current = current == null ? null : child(current, name);
        }
        return Optional.ofNullable(current).map(found -> found.getTextContent().trim());
    }

    private static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0);
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node node = nodes.item(i);
            if (node instanceof Element element && element.getTagName().equals(name)) {
                found.add(element);
            }
        }
        return found;
    }

    private static Document parse(Path file) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(file.toFile());
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
