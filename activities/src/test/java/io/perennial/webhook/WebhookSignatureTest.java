package io.perennial.webhook;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What Perennial signs, checked by the Standard Webhooks specification's own Java library. */
class WebhookSignatureTest {

    private static final String BODY = "{\"id\":\"evt_1\",\"type\":\"invoice.paid\",\"data\":{\"object\":{}}}";

    private static Map<String, List<String>> headers(String id, long timestamp, String signature) {
        return Map.of("webhook-id", List.of(id), "webhook-timestamp", List.of(Long.toString(timestamp)),
                "webhook-signature", List.of(signature));
    }

    @Test
    void aNewSecretIsWhsecAndBase64OfThirtyTwoRandomBytes() {
        String secret = WebhookSignature.newSecret();
        assertThat(secret).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(secret.substring(6))).hasSize(32);
        assertThat(WebhookSignature.newSecret()).isNotEqualTo(secret);
    }

    @Test
    void theSpecificationsLibraryVerifiesPerennialsSignature() throws Exception {
        String secret = WebhookSignature.newSecret();
        long now = Instant.now().getEpochSecond();
        String header = WebhookSignature.header(List.of(secret), "evt_1", now, BODY);

        new Webhook(secret).verify(BODY, headers("evt_1", now, header));
        assertThat(header).isEqualTo(new Webhook(secret).sign("evt_1", now, BODY));
    }

    @Test
    void duringARotationBothSecretsVerify() throws Exception {
        String old = WebhookSignature.newSecret();
        String fresh = WebhookSignature.newSecret();
        long now = Instant.now().getEpochSecond();
        String header = WebhookSignature.header(List.of(fresh, old), "evt_1", now, BODY);

        assertThat(header.split(" ")).hasSize(2).allMatch(part -> part.startsWith("v1,"));
        new Webhook(old).verify(BODY, headers("evt_1", now, header));
        new Webhook(fresh).verify(BODY, headers("evt_1", now, header));
    }

    @Test
    void aChangedBodyOrAnotherSecretFailsVerification() {
        String secret = WebhookSignature.newSecret();
        long now = Instant.now().getEpochSecond();
        String header = WebhookSignature.header(List.of(secret), "evt_1", now, BODY);

        assertThatThrownBy(() -> new Webhook(secret).verify(BODY.replace("paid", "void"), headers("evt_1", now, header)))
                .isInstanceOf(WebhookVerificationException.class);
        assertThatThrownBy(() -> new Webhook(WebhookSignature.newSecret()).verify(BODY, headers("evt_1", now, header)))
                .isInstanceOf(WebhookVerificationException.class);
    }
}
