package io.reelay.encode;

import io.micronaut.runtime.Micronaut;

public final class EncodeApplication {

    private EncodeApplication() {
    }

    public static void main(String[] args) {
        Micronaut.run(EncodeApplication.class, args);
    }
}
