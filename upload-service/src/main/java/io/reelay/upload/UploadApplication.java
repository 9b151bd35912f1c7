package io.reelay.upload;

import io.micronaut.runtime.Micronaut;

public final class UploadApplication {

    private UploadApplication() {
    }

    public static void main(String[] args) {
        Micronaut.run(UploadApplication.class, args);
    }
}
