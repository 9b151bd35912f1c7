package io.reelay.webhook;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookTargetsTest {

    private final WebhookTargets noneAllowed = new WebhookTargets(List.of());

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080/hooks", "http://[::1]/hooks", "http://localhost/hooks",
        "http://169.254.169.254/latest/meta-data", "http://10.0.0.5/", "http://172.16.3.4/", "http://192.168.1.1/",
        "http://100.64.0.1/", "http://[fd00::1]/", "http://[fe80::1]/", "http://0.0.0.0/", "http://224.0.0.1/"})
    void refusesLoopbackLinkLocalPrivateAndMetadataAddresses(String url) {
        assertThat(noneAllowed.refusal(url)).hasValueSatisfying(reason ->
                assertThat(reason).contains("internal address").contains("reelay.webhooks.allowed-hosts"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://93.184.216.34/hooks", "/hooks", "not a url", "mailto:ops@example.com"})
    void refusesWhatIsNotAnAbsoluteHttpUrl(String url) {
        assertThat(noneAllowed.refusal(url)).isPresent();
    }

    @Test
    void acceptsPublicAddresses() {
        assertThat(noneAllowed.refusal("https://93.184.216.34/hooks")).isEmpty();
        assertThat(noneAllowed.refusal("http://[2606:4700::1]:8443/hooks")).isEmpty();
    }

    @Test
    void acceptsInternalHostsTheAllowListNamesIgnoringCase() {
        WebhookTargets allowing = new WebhookTargets(List.of("127.0.0.1", "Receiver.Internal"));

        assertThat(allowing.refusal("http://127.0.0.1:8080/hooks")).isEmpty();
        assertThat(allowing.refusal("http://receiver.internal/hooks")).isEmpty();
        assertThat(allowing.refusal("http://10.0.0.5/")).isPresent();
    }
}
