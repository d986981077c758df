package io.perennial.webhook;

import jakarta.inject.Singleton;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Keeps webhooks from reaching inside the network they are sent from (SSRF): outside the embedded mode a URL must be
 * {@code https} and every address its host resolves to must be public — not loopback, link-local (which holds the
 * cloud metadata address 169.254.169.254), private (RFC 1918, IPv6 ULA), CGNAT (100.64/10) or unspecified. Checked
 * when an endpoint is registered and again before every attempt, since DNS can change in between.
 */
@Singleton
public class WebhookUrlGuard {

    private final boolean allowLocal;

    public WebhookUrlGuard(WebhookConfiguration configuration) {
        this(configuration.allowLocalUrls());
    }

    WebhookUrlGuard(boolean allowLocal) {
        this.allowLocal = allowLocal;
    }

    /** Why the URL may not receive webhooks, or empty when it may. */
    public Optional<String> refusal(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (Exception e) {
            return Optional.of("is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        if (host == null || !(scheme.equals("https") || scheme.equals("http")) || uri.getUserInfo() != null) {
            return Optional.of("must be an https URL with a host and no user information");
        }
        if (allowLocal && isLocalName(host)) {
            return Optional.empty();
        }
        if (!scheme.equals("https")) {
            return Optional.of("must be https");
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            return Optional.of("has a host that does not resolve");
        }
        for (InetAddress address : addresses) {
            Optional<String> internal = internal(address);
            if (internal.isPresent()) {
                return Optional.of("resolves to " + internal.get() + " address " + address.getHostAddress());
            }
        }
        return Optional.empty();
    }

    private static boolean isLocalName(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        return name.equals("localhost") || name.equals("127.0.0.1") || name.equals("[::1]");
    }

    /** The kind of non-public address, or empty for a public one. */
    static Optional<String> internal(InetAddress address) {
        if (address.isAnyLocalAddress()) {
            return Optional.of("an unspecified");
        }
        if (address.isLoopbackAddress()) {
            return Optional.of("a loopback");
        }
        if (address.isLinkLocalAddress()) {
            return Optional.of(metadata(address) ? "the cloud metadata" : "a link-local");
        }
        if (address.isSiteLocalAddress()) {
            return Optional.of("a private");
        }
        if (address.isMulticastAddress()) {
            return Optional.of("a multicast");
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = bytes[0] & 0xff;
            int second = bytes[1] & 0xff;
            if (first == 100 && second >= 64 && second <= 127) {
                return Optional.of("a carrier-grade NAT");
            }
            if (first == 0) {
                return Optional.of("an unspecified");
            }
        }
        if (address instanceof Inet6Address) {
            if ((bytes[0] & 0xfe) == 0xfc) {
                return Optional.of("a private (unique local)");
            }
            if (isIpv4Mapped(bytes)) {
                try {
                    return internal(InetAddress.getByAddress(java.util.Arrays.copyOfRange(bytes, 12, 16)));
                } catch (UnknownHostException e) {
                    return Optional.of("an unreadable");
                }
            }
        }
        return Optional.empty();
    }

    private static boolean metadata(InetAddress address) {
        return address.getHostAddress().equals("169.254.169.254");
    }

    private static boolean isIpv4Mapped(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return (bytes[10] & 0xff) == 0xff && (bytes[11] & 0xff) == 0xff;
    }
}
