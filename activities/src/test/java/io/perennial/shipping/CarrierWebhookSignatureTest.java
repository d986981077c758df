package io.perennial.shipping;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class CarrierWebhookSignatureTest {

    private static final String SECRET = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static final Duration TOLERANCE = Duration.ofMinutes(5);
    private static final Instant NOW = Instant.parse("2027-03-01T10:00:00Z");

    private final CarrierWebhookSignature carrier = new CarrierWebhookSignature(SECRET);
    private final byte[] body = "{\"eventId\":\"evt_1\",\"trackingNumber\":\"SP123\",\"type\":\"DELIVERED\"}"
            .getBytes(StandardCharsets.UTF_8);

    @Test
    void aBodySignedWithTheSharedSecretJustNowIsAccepted() {
        String header = carrier.sign(body, NOW);
        assertThat(header).matches("t=\\d+,v1=[0-9a-f]{64}");
        assertThat(new CarrierWebhookSignature(SECRET).verify(header, body, NOW.plusSeconds(3), TOLERANCE)).isEmpty();
    }

    @Test
    void aTamperedBodyIsRefused() {
        String header = carrier.sign(body, NOW);
        byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("DELIVERED", "EXCEPTION")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(carrier.verify(header, tampered, NOW, TOLERANCE)).contains(CarrierWebhookSignature.Refusal.MISMATCH);
    }

    @Test
    void aSignatureMadeWithAnotherSecretIsRefused() {
        String forged = new CarrierWebhookSignature(SECRET.replace('9', '8')).sign(body, NOW);
        assertThat(carrier.verify(forged, body, NOW, TOLERANCE)).contains(CarrierWebhookSignature.Refusal.MISMATCH);
    }

    @Test
    void aSignatureOlderOrNewerThanTheToleranceIsRefusedSoACapturedRequestCannotBeReplayed() {
        String old = carrier.sign(body, NOW.minus(Duration.ofMinutes(6)));
        assertThat(carrier.verify(old, body, NOW, TOLERANCE)).contains(CarrierWebhookSignature.Refusal.STALE);
        String future = carrier.sign(body, NOW.plus(Duration.ofMinutes(6)));
        assertThat(carrier.verify(future, body, NOW, TOLERANCE)).contains(CarrierWebhookSignature.Refusal.STALE);
        assertThat(carrier.verify(carrier.sign(body, NOW.minus(Duration.ofMinutes(4))), body, NOW, TOLERANCE))
                .isEmpty();
    }

    @Test
    void theTimestampIsSignedWithTheBodySoMovingItForwardBreaksTheSignature() {
        String header = carrier.sign(body, NOW.minus(Duration.ofHours(1)));
        String moved = header.replaceFirst("t=\\d+", "t=" + NOW.getEpochSecond());
        assertThat(carrier.verify(moved, body, NOW, TOLERANCE)).contains(CarrierWebhookSignature.Refusal.MISMATCH);
    }

    @Test
    void aMissingOrMalformedHeaderIsRefused() {
        assertThat(carrier.verify(null, body, NOW, TOLERANCE)).contains(CarrierWebhookSignature.Refusal.MISSING);
        assertThat(carrier.verify("", body, NOW, TOLERANCE)).contains(CarrierWebhookSignature.Refusal.MISSING);
        assertThat(carrier.verify("v1=abc", body, NOW, TOLERANCE)).contains(CarrierWebhookSignature.Refusal.MALFORMED);
        assertThat(carrier.verify("t=" + NOW.getEpochSecond(), body, NOW, TOLERANCE))
                .contains(CarrierWebhookSignature.Refusal.MALFORMED);
        assertThat(carrier.verify("t=soon,v1=00", body, NOW, TOLERANCE))
                .contains(CarrierWebhookSignature.Refusal.MALFORMED);
        assertThat(carrier.verify("t=" + NOW.getEpochSecond() + ",v1=zz", body, NOW, TOLERANCE))
                .contains(CarrierWebhookSignature.Refusal.MALFORMED);
    }

    @Test
    void duringASecretRotationAnyOneMatchingSignatureIsEnough() {
        String current = carrier.sign(body, NOW);
        String old = new CarrierWebhookSignature("an-older-secret-0123456789-abcdefghij").sign(body, NOW);
        String both = old + "," + current.substring(current.indexOf("v1="));
        assertThat(carrier.verify(both, body, NOW, TOLERANCE)).isEmpty();
    }
}
