package io.perennial.risk;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** The bundled list of disposable email services ({@code risk/disposable-email-domains.txt}) plus configured ones. */
public final class DisposableEmailDomains {

    private final Set<String> domains;

    public DisposableEmailDomains(Collection<String> extra) {
        Set<String> all = new TreeSet<>(bundled());
        extra.forEach(domain -> all.add(domain.toLowerCase(Locale.ROOT)));
        this.domains = Set.copyOf(all);
    }

    /** A subdomain of a listed domain counts too (x.mailinator.com). */
    public boolean contains(String domain) {
        if (domain == null) {
            return false;
        }
        String candidate = domain.toLowerCase(Locale.ROOT);
        while (true) {
            if (domains.contains(candidate)) {
                return true;
            }
            int dot = candidate.indexOf('.');
            if (dot < 0 || candidate.indexOf('.', dot + 1) < 0) {
                return false;
            }
            candidate = candidate.substring(dot + 1);
        }
    }

    private static Set<String> bundled() {
        try (InputStream in = DisposableEmailDomains.class.getResourceAsStream("/risk/disposable-email-domains.txt")) {
            if (in == null) {
                throw new IllegalStateException("risk/disposable-email-domains.txt is missing from the classpath");
            }
            Set<String> read = new TreeSet<>();
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .forEach(line -> read.add(line.toLowerCase(Locale.ROOT)));
            return read;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
