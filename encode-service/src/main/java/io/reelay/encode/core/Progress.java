package io.reelay.encode.core;

/**
 * One {@code -progress} report of ffmpeg.
 *
 * @param encodedSeconds media time written to the outputs so far
 * @param speed          encoding speed as a multiple of real time; 0 when ffmpeg does not know it yet
 * @param ended          true on the final report of the run
 */
public record Progress(double encodedSeconds, double speed, boolean ended) {

    public static final Progress NONE = new Progress(0, 0, false);
}
