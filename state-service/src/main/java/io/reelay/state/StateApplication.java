package io.reelay.state;

import io.micronaut.runtime.Micronaut;

public final class StateApplication {

    private StateApplication() {
    }

    public static void main(String[] args) {
        Micronaut.run(StateApplication.class, args);
    }
}
