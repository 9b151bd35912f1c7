package io.reelay.ingest.core;

import io.reelay.events.ObjectLocation;
import io.reelay.events.OutputRequest;
import io.reelay.events.ThumbnailsRequest;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds outputs of one job that would write into the same folder: the same bucket and the same prefix, or one
 * prefix inside the other. Their files (and the cleanup of a revoked or retried output) would trample each other,
 * so each output needs a folder of its own.
 */
final class DestinationOverlaps {

    /** A destination as submitted, with the JSON path that named it. */
    private record Named(String field, ObjectLocation destination) {
    }

    private DestinationOverlaps() {
    }

    /** @param outputs the outputs read so far; null where an output was invalid */
    static List<FieldError> find(List<OutputRequest> outputs, ThumbnailsRequest thumbnails) {
        List<Named> destinations = new ArrayList<>();
        for (int i = 0; i < outputs.size(); i++) {
            if (outputs.get(i) != null) {
                destinations.add(new Named("outputs[" + i + "].destination", outputs.get(i).getDestination()));
            }
        }
        if (thumbnails != null) {
            destinations.add(new Named("thumbnails.destination", thumbnails.getDestination()));
        }
        return find(destinations);
    }

    private static List<FieldError> find(List<Named> destinations) {
        List<FieldError> errors = new ArrayList<>();
        for (int later = 1; later < destinations.size(); later++) {
            for (int earlier = 0; earlier < later; earlier++) {
                Named first = destinations.get(earlier);
                Named second = destinations.get(later);
                if (overlap(first.destination(), second.destination())) {
                    errors.add(new FieldError(second.field(), "overlaps " + first.field() + " (s3://"
                            + first.destination().getBucket() + "/" + first.destination().getKey()
                            + "): every output needs a folder of its own"));
                    break;
                }
            }
        }
        return errors;
    }

    private static boolean overlap(ObjectLocation a, ObjectLocation b) {
        if (!a.getBucket().equals(b.getBucket())) {
            return false;
        }
        String first = a.getKey() + "/";
        String second = b.getKey() + "/";
        return first.startsWith(second) || second.startsWith(first);
    }
}
