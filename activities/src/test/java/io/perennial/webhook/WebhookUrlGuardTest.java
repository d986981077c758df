package io.perennial.webhook;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetAddress;
import java.net.UnknownHostException;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookUrlGuardTest {

    private final WebhookUrlGuard guard = new WebhookUrlGuard(false);
    private final WebhookUrlGuard embedded = new WebhookUrlGuard(true);

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "127.0.0.1, a loopback",
            "127.8.9.10, a loopback",
            "::1, a loopback",
            "169.254.169.254, the cloud metadata",
            "169.254.10.1, a link-local",
            "fe80::1, a link-local",
            "10.1.2.3, a private",
            "172.16.0.1, a private",
            "172.31.255.254, a private",
            "192.168.1.1, a private",
            "fd00::1, a private (unique local)",
            "fc12:3456::1, a private (unique local)",
            "100.64.0.1, a carrier-grade NAT",
            "100.127.255.254, a carrier-grade NAT",
            "0.0.0.0, an unspecified",
            "::, an unspecified",
            "::ffff:10.0.0.1, a private",
            "::ffff:169.254.169.254, the cloud metadata",
            "224.0.0.1, a multicast"})
    void everyInternalAddressClassIsRecognised(String literal, String kind) throws UnknownHostException {
        assertThat(WebhookUrlGuard.internal(InetAddress.getByName(literal))).contains(kind);
    }

    @ParameterizedTest(name = "{0} is public")
    @CsvSource({"93.184.215.14", "8.8.8.8", "100.63.255.255", "100.128.0.1", "172.32.0.1", "2606:4700::1111"})
    void publicAddressesPass(String literal) throws UnknownHostException {
        assertThat(WebhookUrlGuard.internal(InetAddress.getByName(literal))).isEmpty();
    }

    @Test
    void urlsWhoseHostIsAnInternalAddressAreRefusedAtRegistration() {
        assertThat(guard.refusal("https://169.254.169.254/latest/meta-data/")).hasValueSatisfying(
                why -> assertThat(why).contains("the cloud metadata address 169.254.169.254"));
        assertThat(guard.refusal("https://10.0.0.5/hooks")).hasValueSatisfying(
                why -> assertThat(why).contains("a private address"));
        assertThat(guard.refusal("https://[::1]:8443/hooks")).hasValueSatisfying(
                why -> assertThat(why).contains("a loopback address"));
        assertThat(guard.refusal("https://localhost/hooks")).hasValueSatisfying(
                why -> assertThat(why).contains("a loopback address"));
    }

    @Test
    void plainHttpUserInfoAndOtherSchemesAreRefused() {
        assertThat(guard.refusal("http://93.184.215.14/hooks")).contains("must be https");
        assertThat(guard.refusal("ftp://93.184.215.14/hooks")).isPresent();
        assertThat(guard.refusal("https://user:pw@93.184.215.14/hooks")).isPresent();
        assertThat(guard.refusal("not a url at all")).isPresent();
    }

    @Test
    void aPublicHttpsAddressIsAccepted() {
        assertThat(guard.refusal("https://93.184.215.14/hooks")).isEmpty();
    }

    @Test
    void theEmbeddedModeAllowsHttpLocalhostButStillRefusesOtherInternalAddresses() {
        assertThat(embedded.refusal("http://localhost:9000/hooks")).isEmpty();
        assertThat(embedded.refusal("http://127.0.0.1:9000/hooks")).isEmpty();
        assertThat(embedded.refusal("http://169.254.169.254/")).contains("must be https");
        assertThat(embedded.refusal("https://192.168.0.10/hooks")).isPresent();
    }
}
