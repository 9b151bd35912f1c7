package io.reelay.state;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.info.License;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

@OpenAPIDefinition(info = @Info(title = "reelay-state", version = "0.1",
        description = "Reelay state service: the state of every job, as it happens (long-poll, server-sent events)"
                + " and as a filtered, paged listing; any instance answers for any job.",
        license = @License(name = "Apache-2.0")), security = @SecurityRequirement(name = "apiKey"))
@SecurityScheme(name = "apiKey", type = SecuritySchemeType.HTTP, scheme = "bearer", description = "An API key, as"
        + " 'Authorization: Bearer <key>' or 'X-Api-Key: <key>'; it decides the tenant. Missing or unknown: 401")
public final class StateApplication {

    private StateApplication() {
    }

    public static void main(String[] args) {
        Micronaut.run(StateApplication.class, args);
    }
}
