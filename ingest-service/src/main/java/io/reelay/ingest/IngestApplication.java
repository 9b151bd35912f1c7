package io.reelay.ingest;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.info.License;

@OpenAPIDefinition(info = @Info(title = "reelay-ingest", version = "0.1",
        description = "Reelay ingest service: accepts transcoding jobs and hands out upload URLs for sources.",
        license = @License(name = "Apache-2.0")))
public final class IngestApplication {

    private IngestApplication() {
    }

    public static void main(String[] args) {
        Micronaut.run(IngestApplication.class, args);
    }
}
