package io.perennial.shipping;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The signature on a carrier webhook, in the manner of Stripe's: header {@code X-Carrier-Signature:
 * t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">}. The timestamp is signed with the body, so a captured
 * request cannot be replayed once it is older than the tolerance; several {@code v1} values may be sent while a
 * secret is rotated, and any one matching is enough. Comparison is constant-time.
 */
public final class CarrierWebhookSignature {

    public static final String HEADER = "X-Carrier-Signature";
    /** A secret shorter than this (in bytes) is refused outside the embedded mode. */
    public static final int MIN_SECRET_BYTES = 32;

    private final byte[] secret;

    public CarrierWebhookSignature(String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("a webhook signature needs a secret");
        }
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    /** Why a signature was refused. */
    public enum Refusal {
        MISSING("no " + HEADER + " header"),
        MALFORMED(HEADER + " is not t=<unix seconds>,v1=<hex>"),
        STALE("the signature's timestamp is outside the tolerance (a replay, or a clock far off)"),
        MISMATCH("no v1 signature matches the body");

        private final String reason;

        Refusal(String reason) {
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }

    /** The header value for {@code body} sent at {@code at}. */
    public String sign(byte[] body, Instant at) {
        long timestamp = at.getEpochSecond();
        return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(mac(timestamp, body));
    }

    /** Empty when {@code header} signs {@code body} within {@code tolerance} of {@code now}; otherwise why not. */
    public Optional<Refusal> verify(String header, byte[] body, Instant now, Duration tolerance) {
        if (header == null || header.isBlank()) {
            return Optional.of(Refusal.MISSING);
        }
        Long timestamp = null;
        List<byte[]> candidates = new ArrayList<>();
        for (String part : header.split(",")) {
            int equals = part.indexOf('=');
            if (equals < 0) {
                return Optional.of(Refusal.MALFORMED);
            }
            String key = part.substring(0, equals).trim();
            String value = part.substring(equals + 1).trim();
            try {
                if (key.equals("t")) {
                    timestamp = Long.parseLong(value);
                } else if (key.equals("v1")) {
                    candidates.add(HexFormat.of().parseHex(value));
                }
            } catch (IllegalArgumentException notANumberOrHex) {
                return Optional.of(Refusal.MALFORMED);
            }
        }
        if (timestamp == null || candidates.isEmpty()) {
            return Optional.of(Refusal.MALFORMED);
        }
        long age = now.getEpochSecond() - timestamp;
        if (Math.abs(age) > tolerance.toSeconds()) {
            return Optional.of(Refusal.STALE);
        }
        byte[] expected = mac(timestamp, body);
        boolean matches = false;
        for (byte[] candidate : candidates) {
            // Constant-time: how much of a guess is right must not show in the time the answer takes.
            matches |= MessageDigest.isEqual(expected, candidate);
        }
        return matches ? Optional.empty() : Optional.of(Refusal.MISMATCH);
    }

    private byte[] mac(long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JRE", e);
        }
    }
}
