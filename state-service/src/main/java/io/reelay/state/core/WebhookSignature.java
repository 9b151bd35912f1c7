package io.reelay.state.core;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * The {@value #HEADER} header: {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">}. Signing the time with
 * the body lets a receiver refuse replays of an old notification by checking {@code t}.
 */
public final class WebhookSignature {

    public static final String HEADER = "Reelay-Signature";

    private WebhookSignature() {
    }

    public static String header(String secret, long unixSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((unixSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
            return "t=" + unixSeconds + ",v1=" + HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            // HmacSHA256 is a mandatory JDK algorithm and any non-empty key is valid: reaching this is a bug.
            throw new IllegalStateException("Cannot sign a webhook", e);
        }
    }
}
