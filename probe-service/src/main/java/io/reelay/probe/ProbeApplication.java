package io.reelay.probe;

import io.micronaut.runtime.Micronaut;

public final class ProbeApplication {

    private ProbeApplication() {
    }

    public static void main(String[] args) {
        Micronaut.run(ProbeApplication.class, args);
    }
}
