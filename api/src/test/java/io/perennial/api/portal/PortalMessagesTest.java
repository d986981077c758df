package io.perennial.api.portal;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every portal string is in both languages, and every message a template names exists. */
class PortalMessagesTest {

    /** {@code #{some.key}} or {@code #{some.key(args)}}; keys built at run time ({@code #{${...}}}) are not matched. */
    private static final Pattern KEY = Pattern.compile("#\\{([a-zA-Z][\\w.-]*)");

    private static Properties bundle(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Objects.requireNonNull(PortalMessagesTest.class.getResourceAsStream("/i18n/" + name))) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }

    @Test
    void everyEnglishStringHasAChineseOneAndNoChineseStringIsLeftOver() throws IOException {
        assertThat(bundle("portal_zh.properties").keySet())
                .containsExactlyInAnyOrderElementsOf(bundle("portal.properties").keySet());
    }

    @Test
    void everyMessageATemplateNamesIsInTheBundle() throws IOException {
        Set<String> named = new TreeSet<>();
        try (Stream<Path> views = Files.list(Path.of("src/main/resources/views/portal"))) {
            for (Path view : views.toList()) {
                Matcher key = KEY.matcher(Files.readString(view));
                while (key.find()) {
                    named.add(key.group(1));
                }
            }
        }
        assertThat(named).hasSizeGreaterThan(100);
        assertThat(bundle("portal.properties").stringPropertyNames()).containsAll(named);
    }
}
