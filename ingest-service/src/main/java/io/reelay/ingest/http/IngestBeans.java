package io.reelay.ingest.http;

import io.micronaut.context.annotation.Factory;
import io.micronaut.serde.annotation.SerdeImport;
import io.reelay.ingest.core.FieldError;
import io.reelay.ingest.core.JobSubmission;
import jakarta.inject.Singleton;

import java.time.Clock;

/** Lets the plain core records travel as JSON, and provides the clock jobs are stamped with. */
@Factory
@SerdeImport(JobSubmission.class)
@SerdeImport(JobSubmission.Location.class)
@SerdeImport(JobSubmission.Destination.class)
@SerdeImport(JobSubmission.Rendition.class)
@SerdeImport(JobSubmission.Output.class)
@SerdeImport(JobSubmission.Thumbnails.class)
@SerdeImport(JobSubmission.Watermark.class)
@SerdeImport(FieldError.class)
public class IngestBeans {

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
