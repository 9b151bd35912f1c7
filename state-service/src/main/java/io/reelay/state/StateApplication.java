package io.reelay.state;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.info.License;

@OpenAPIDefinition(info = @Info(title = "reelay-state", version = "0.1",
        description = "Reelay state service: the state of every job, as it happens (long-poll, server-sent events)"
                + " and as a filtered, paged listing; any instance answers for any job.",
        license = @License(name = "Apache-2.0")))
public final class StateApplication {

    private StateApplication() {
    }

    public static void main(String[] args) {
        Micronaut.run(StateApplication.class, args);
    }
}
