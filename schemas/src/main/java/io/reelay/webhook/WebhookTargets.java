package io.reelay.webhook;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which URLs may receive webhooks. A job's submitter chooses the URL, so without this check Reelay would POST into
 * its own network: loopback, link-local (cloud metadata at 169.254.169.254), private and unique-local addresses are
 * refused unless the allow-list names the host. Every address a name resolves to is checked.
 */
public final class WebhookTargets {

    private final List<String> allowedHosts;

    public WebhookTargets(List<String> allowedHosts) {
        this.allowedHosts = allowedHosts.stream().map(host -> host.toLowerCase(Locale.ROOT)).toList();
    }

    /** @return why {@code url} must not be called, or empty when it may */
    public Optional<String> refusal(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return Optional.of("invalid URL: " + e.getMessage());
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            return Optional.of("not an absolute http(s) URL");
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (allowedHosts.contains(host)) {
            return Optional.empty();
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (isInternal(address)) {
                    return Optional.of(host + " resolves to the internal address " + address.getHostAddress()
                            + " (allow it in reelay.webhooks.allowed-hosts)");
                }
            }
        } catch (UnknownHostException e) {
            return Optional.empty(); // not refused: the try fails and is retried, the name may resolve later
        }
        return Optional.empty();
    }

    private static boolean isInternal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet6Address) {
            return (bytes[0] & 0xfe) == 0xfc; // fc00::/7, unique local
        }
        return (bytes[0] & 0xff) == 100 && (bytes[1] & 0xc0) == 64; // 100.64.0.0/10, carrier-grade NAT
    }
}
