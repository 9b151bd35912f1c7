package io.reelay.access;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApiKeysTest {

    private static final String SOURCE = "API_KEYS";

    private static ApiKeys fromList(String list) {
        return ApiKeys.of(ApiKeys.fromList(list, SOURCE));
    }

    private static String refusal(String list) {
        return assertThrows(IllegalArgumentException.class, () -> fromList(list)).getMessage();
    }

    @Test
    void findsTheTenantOfEachListedKey() {
        ApiKeys keys = fromList("acme:k-acme-1, acme:k-acme-2,globex:k-globex");

        assertEquals(Optional.of("acme"), keys.tenantOf("k-acme-1"));
        assertEquals(Optional.of("acme"), keys.tenantOf("k-acme-2"));
        assertEquals(Optional.of("globex"), keys.tenantOf("k-globex"));
        assertEquals(Set.of("acme", "globex"), keys.tenants());
    }

    @Test
    void refusesUnknownMissingAndAlmostRightKeys() {
        ApiKeys keys = fromList("acme:k-acme");

        assertEquals(Optional.empty(), keys.tenantOf("k-acmE"));
        assertEquals(Optional.empty(), keys.tenantOf("k-acme "));
        assertEquals(Optional.empty(), keys.tenantOf(""));
        assertEquals(Optional.empty(), keys.tenantOf(null));
    }

    @Test
    void splitsAtTheFirstColonSoKeysMayContainColons() {
        ApiKeys keys = fromList("acme:a:b:c");

        assertEquals(Optional.of("acme"), keys.tenantOf("a:b:c"));
        assertEquals(Optional.empty(), keys.tenantOf("b:c"));
    }

    @Test
    void readsAFileOfTenantKeyLinesWithCommentsAndBothSeparators() {
        List<String> lines = List.of("# keys of the staging cluster", "", "acme   k,with,commas",
                "  globex:k:colon  ", "#globex:k-disabled");

        ApiKeys keys = ApiKeys.of(ApiKeys.fromLines(lines, "keys.txt"));

        assertEquals(Optional.of("acme"), keys.tenantOf("k,with,commas"));
        assertEquals(Optional.of("globex"), keys.tenantOf("k:colon"));
        assertEquals(Optional.empty(), keys.tenantOf("k-disabled"));
    }

    @Test
    void anEmptyConfigurationHasNoKeys() {
        assertTrue(fromList("").isEmpty());
        assertTrue(fromList(" , ").isEmpty());
        assertTrue(ApiKeys.of(ApiKeys.fromList(null, SOURCE)).isEmpty());
        assertFalse(fromList("acme:k").isEmpty());
    }

    @Test
    void refusesAnEmptyKeyNamingTheEntry() {
        assertEquals("API_KEYS entry 2: the key of tenant globex is empty", refusal("acme:k1,globex:"));
    }

    @Test
    void refusesAnEntryWithoutTenantWithoutRepeatingItsText() {
        String message = refusal("acme:k1,s3cr3t-key-without-tenant");

        assertEquals("API_KEYS entry 2: expected tenant:key", message);
    }

    @Test
    void refusesAMalformedTenantWithoutRepeatingIt() {
        String message = refusal("my tenant:k1");

        assertTrue(message.startsWith("API_KEYS entry 1: the tenant must be"), message);
        assertFalse(message.contains("my tenant"), message);
        assertThrows(IllegalArgumentException.class, () -> fromList(":k1"));
        assertThrows(IllegalArgumentException.class, () -> fromList("../x:k1"));
    }

    @Test
    void refusesKeysThatCannotTravelInAHeader() {
        String message = refusal("acme:has space");

        assertEquals("API_KEYS entry 1: the key of tenant acme has characters other than visible ASCII (no spaces)",
                message);
        assertThrows(IllegalArgumentException.class, () -> fromList("acme:clé"));
    }

    @Test
    void refusesOneKeyForTwoTenantsWithoutNamingTheKey() {
        String message = refusal("acme:shared-key,globex:other,globex:shared-key");

        assertEquals("API_KEYS entry 1 and API_KEYS entry 3 give the same key to tenants acme and globex;"
                + " each tenant needs its own keys", message);
    }

    @Test
    void toleratesTheSameKeyListedTwiceForTheSameTenant() {
        ApiKeys keys = fromList("acme:k,acme:k");

        assertEquals(Optional.of("acme"), keys.tenantOf("k"));
    }

    @Test
    void anEntryPrintsItsOriginAndTenantButNeverItsKey() {
        ApiKeys.Entry entry = ApiKeys.fromList("acme:s3cr3t", SOURCE).get(0);

        assertEquals("API_KEYS entry 1 (tenant acme)", entry.toString());
    }
}
