package io.reelay.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The configured API keys and the tenant each one acts for. Only SHA-256 digests of the keys are kept, and a
 * presented key is looked up by its digest: how long a lookup takes says nothing about how close a guess was.
 * Error messages name an entry by its position, never by its content, which may be a key.
 */
public final class ApiKeys {

    /** Tenant names end up in object keys and logs: a plain, short token. */
    private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    /** Keys travel in an HTTP header: visible ASCII, no spaces. */
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]+");

    /**
     * One configured key, before validation.
     *
     * @param origin where it was configured, e.g. {@code API_KEYS entry 2}, for error messages
     */
    public record Entry(String tenant, String key, String origin) {

        @Override
        public String toString() {
            return origin + " (tenant " + tenant + ")";
        }
    }

    private final Map<String, String> tenantByDigest;

    private ApiKeys(Map<String, String> tenantByDigest) {
        this.tenantByDigest = Map.copyOf(tenantByDigest);
    }

    /**
     * Entries of a comma-separated list of {@code tenant:key} pairs. A key may contain colons (the tenant ends at
     * the first one) but no comma; use a keys file for such keys.
     *
     * @param source name of the setting, for error messages
     */
    public static List<Entry> fromList(String list, String source) {
        List<Entry> entries = new ArrayList<>();
        if (list == null) {
            return entries;
        }
        String[] items = list.split(",", -1);
        for (int i = 0; i < items.length; i++) {
            String item = items[i].trim();
            if (!item.isEmpty()) {
                entries.add(entry(item, ':', source + " entry " + (i + 1)));
            }
        }
        return entries;
    }

    /**
     * Entries of a keys file: one {@code tenant key} or {@code tenant:key} per line; blank lines and lines
     * starting with {@code #} are skipped.
     *
     * @param source name of the file, for error messages
     */
    public static List<Entry> fromLines(List<String> lines, String source) {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (!line.isEmpty() && !line.startsWith("#")) {
                entries.add(entry(line, ' ', source + " line " + (i + 1)));
            }
        }
        return entries;
    }

    /**
     * Validates the entries and builds the lookup.
     *
     * @throws IllegalArgumentException for a missing or malformed tenant or key, or one key given to two tenants
     */
    public static ApiKeys of(List<Entry> entries) {
        Map<String, String> tenantByDigest = new HashMap<>();
        Map<String, Entry> firstByDigest = new HashMap<>();
        for (Entry entry : entries) {
            if (entry.tenant() == null || !TENANT.matcher(entry.tenant()).matches()) {
                throw new IllegalArgumentException(entry.origin() + ": the tenant must be 1 to 64 letters, digits, '.',"
                        + " '_' or '-', starting with a letter or digit");
            }
            if (entry.key() == null || entry.key().isEmpty()) {
                throw new IllegalArgumentException(entry.origin() + ": the key of tenant " + entry.tenant()
                        + " is empty");
            }
            if (!KEY.matcher(entry.key()).matches()) {
                throw new IllegalArgumentException(entry.origin() + ": the key of tenant " + entry.tenant()
                        + " has characters other than visible ASCII (no spaces)");
            }
            String digest = digest(entry.key());
            Entry first = firstByDigest.putIfAbsent(digest, entry);
            if (first != null && !first.tenant().equals(entry.tenant())) {
                throw new IllegalArgumentException(first.origin() + " and " + entry.origin()
                        + " give the same key to tenants " + first.tenant() + " and " + entry.tenant()
                        + "; each tenant needs its own keys");
            }
            tenantByDigest.put(digest, entry.tenant());
        }
        return new ApiKeys(tenantByDigest);
    }

    /** The tenant {@code key} acts for; empty for a missing or unknown key. */
    public Optional<String> tenantOf(String key) {
        if (key == null || key.isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(tenantByDigest.get(digest(key)));
    }

    public boolean isEmpty() {
        return tenantByDigest.isEmpty();
    }

    /** Every tenant that has a key, sorted. */
    public Set<String> tenants() {
        return new TreeSet<>(tenantByDigest.values());
    }

    /** Splits at the first colon, or (when {@code alsoAt} is a space) the first whitespace, whichever comes first. */
    private static Entry entry(String text, char alsoAt, String origin) {
        int end = -1;
        for (int i = 0; i < text.length() && end < 0; i++) {
            char c = text.charAt(i);
            if (c == ':' || (alsoAt == ' ' && Character.isWhitespace(c))) {
                end = i;
            }
        }
        if (end < 0) {
            throw new IllegalArgumentException(origin + ": expected tenant:key");
        }
        return new Entry(text.substring(0, end), text.substring(end + 1).trim(), origin);
    }

    private static String digest(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
