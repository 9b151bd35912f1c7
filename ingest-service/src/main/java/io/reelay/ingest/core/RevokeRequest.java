package io.reelay.ingest.core;

import java.util.List;

/**
 * Body of {@code POST /jobs/revoke}; the single-output revoke takes only {@code reason}.
 *
 * @param jobIds jobs to revoke, 1 to 100
 * @param reason why, kept in the job's state (optional, at most 1000 characters)
 */
public record RevokeRequest(List<String> jobIds, String reason) {
}
