package io.reelay.ingest.http;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.serde.annotation.Serdeable;
import io.reelay.ingest.core.FieldError;
import io.reelay.ingest.core.InvalidJobException;
import jakarta.inject.Singleton;

import java.util.List;

/** Rejected submissions answer 400 with a message and every field error, so a client can fix all at once. */
@Produces
@Singleton
@Requires(classes = {InvalidJobException.class, ExceptionHandler.class})
public class ErrorResponses implements ExceptionHandler<InvalidJobException, HttpResponse<ErrorResponses.ErrorBody>> {

    @Override
    public HttpResponse<ErrorBody> handle(HttpRequest request, InvalidJobException exception) {
        return HttpResponse.badRequest(new ErrorBody(exception.getMessage(), exception.errors()));
    }

    @Serdeable
    public record ErrorBody(String message, List<FieldError> errors) {
    }
}
