package io.reelay.access;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ApiKeyHeadersTest {

    @Test
    void takesTheKeyOfABearerAuthorization() {
        assertEquals(Optional.of("k1"), ApiKeyHeaders.keyOf("Bearer k1", null));
        assertEquals(Optional.of("k1"), ApiKeyHeaders.keyOf("bearer   k1 ", null));
    }

    @Test
    void takesTheKeyOfXApiKey() {
        assertEquals(Optional.of("k2"), ApiKeyHeaders.keyOf(null, " k2"));
    }

    @Test
    void aBearerTokenWinsOverXApiKey() {
        assertEquals(Optional.of("k1"), ApiKeyHeaders.keyOf("Bearer k1", "k2"));
    }

    @Test
    void anotherAuthorizationSchemeLeavesTheChoiceToXApiKey() {
        assertEquals(Optional.of("k2"), ApiKeyHeaders.keyOf("Basic dXNlcjpwdw==", "k2"));
        assertEquals(Optional.empty(), ApiKeyHeaders.keyOf("Basic dXNlcjpwdw==", null));
        assertEquals(Optional.empty(), ApiKeyHeaders.keyOf("BearerToken k1", null));
    }

    @Test
    void noKeyWhenNothingOrOnlyBlanksAreSent() {
        assertEquals(Optional.empty(), ApiKeyHeaders.keyOf(null, null));
        assertEquals(Optional.empty(), ApiKeyHeaders.keyOf("Bearer ", " "));
    }

    @Test
    void presentsAKeyAsABearerToken() {
        assertEquals("Bearer k1", ApiKeyHeaders.bearer("k1"));
        assertEquals(Optional.of("k1"), ApiKeyHeaders.keyOf(ApiKeyHeaders.bearer("k1"), null));
    }
}
