package io.reelay.encode.staging;

/**
 * What stopping the work a revoke named took: ffmpeg processes killed while they ran, local scratch files deleted,
 * staged objects deleted.
 *
 * @param attempt highest attempt number among the stopped work; 0 when nothing was running
 */
public record StoppedWork(int stoppedProcesses, int deletedFiles, int deletedObjects, int attempt) {
}
