package io.reelay.ingest.http;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.http.server.exceptions.ContentLengthExceededHandler;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.JsonExceptionHandler;
import io.micronaut.json.JsonSyntaxException;
import io.micronaut.serde.annotation.Serdeable;
import io.reelay.ingest.core.FieldError;
import io.reelay.ingest.core.InvalidJobException;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * Rejected submissions answer 400 with a message and every field error, so a client can fix all at once. Bodies
 * that are not JSON, or too large to read, get the same shape of answer instead of the framework's own.
 */
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

        static ErrorBody of(String field, String message) {
            return new ErrorBody(field + ": " + message, List.of(new FieldError(field, message)));
        }
    }

    /** A body over {@code micronaut.server.max-request-size}: 413, said in JSON. */
    @Produces
    @Singleton
    @Replaces(ContentLengthExceededHandler.class)
    static class TooLarge implements ExceptionHandler<ContentLengthExceededException, HttpResponse<ErrorBody>> {

        @Override
        public HttpResponse<ErrorBody> handle(HttpRequest request, ContentLengthExceededException exception) {
            return HttpResponse.<ErrorBody>status(HttpStatus.REQUEST_ENTITY_TOO_LARGE)
                    .body(ErrorBody.of("body", "is too large: " + exception.getMessage()));
        }
    }

    /** A body that is not JSON at all, on endpoints whose body the framework binds. */
    @Produces
    @Singleton
    @Replaces(JsonExceptionHandler.class)
    static class NotJson implements ExceptionHandler<JsonSyntaxException, HttpResponse<ErrorBody>> {

        @Override
        public HttpResponse<ErrorBody> handle(HttpRequest request, JsonSyntaxException exception) {
            return HttpResponse.badRequest(ErrorBody.of("body", "is not valid JSON: " + exception.getMessage()));
        }
    }
}
