package io.reelay.probe.core;

import io.reelay.events.Failure;
import io.reelay.events.FailureReason;
import io.reelay.events.MediaInfo;
import io.reelay.events.OutputPlan;
import io.reelay.events.OutputRequest;
import io.reelay.events.Rendition;
import io.reelay.events.RenditionRequest;
import io.reelay.events.StreamInfo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides what one output encodes from one source: the ladder of sizes and bitrates, and whether audio comes along.
 *
 * <p>Sizes follow the source as it is displayed (rotation applied) and keep its aspect ratio; a rung's "p" number is
 * its short side, so vertical video stays vertical. Nothing is ever upscaled: a rung larger than the source is
 * dropped, and when that leaves nothing the source size itself is the one rung. Bitrates are capped at what the
 * source carries, since encoding more bits than the source had adds size, not quality.
 */
public final class LadderPlanner {

    static final int MAX_AUTO_RUNGS = 4;
    /** Lowest rung an automatic ladder goes down to, unless the source itself is smaller. */
    static final int AUTO_LADDER_FLOOR = StandardQuality.P240.shortSide;
    /** The bitrate cap never goes below this: a rung starved further looks broken even for a still slide. */
    static final int MIN_VIDEO_BITRATE = 100_000;

    // Rendition names become folder names in the output, so only these survive from a request.
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final double TOLERANCE = 1e-6;

    /** A rung as requested: exact size before rounding, optional name and bitrates. */
    private record Rung(String name, double width, double height, Integer videoBitrate, Integer audioBitrate) {
        double shortSide() {
            return Math.min(width, height);
        }

        double longSide() {
            return Math.max(width, height);
        }
    }

    /** The source frame as a player shows it (ffmpeg applies the rotation when decoding). */
    record Frame(int width, int height) {
        static Frame displayed(StreamInfo video) {
            boolean quarterTurn = video.getRotation() == 90 || video.getRotation() == 270;
            return quarterTurn ? new Frame(video.getHeight(), video.getWidth()) : new Frame(video.getWidth(), video.getHeight());
        }

        int shortSide() {
            return Math.min(width, height);
        }

        int longSide() {
            return Math.max(width, height);
        }

        boolean fits(Rung rung) {
            return rung.shortSide() <= shortSide() + TOLERANCE && rung.longSide() <= longSide() + TOLERANCE;
        }

        Rung atShortSide(String name, double shortSide) {
            double longSide = longSide() * shortSide / shortSide();
            return width >= height
                    ? new Rung(name, longSide, shortSide, null, null)
                    : new Rung(name, shortSide, longSide, null, null);
        }
    }

    private LadderPlanner() {
    }

    public static OutputPlan plan(MediaInfo media, OutputRequest request) {
        OutputPlan.Builder plan = OutputPlan.newBuilder()
                .setOutputId(request.getOutputId())
                .setFormat(request.getFormat())
                .setVideoCodec(request.getVideoCodec())
                .setAudioCodec(request.getAudioCodec())
                .setSegmentSeconds(request.getSegmentSeconds())
                .setDestination(request.getDestination())
                .setWatermark(request.getWatermark());
        Optional<StreamInfo> video = media.getStreams().stream().filter(LadderPlanner::isPicture).findFirst();
        if (video.isEmpty()) {
            return plan.setIncludeAudio(false)
                    .setRenditions(List.of())
                    .setFailure(new Failure(FailureReason.SOURCE_HAS_NO_VIDEO, "the source has no video stream"))
                    .build();
        }
        boolean includeAudio = media.getStreams().stream().anyMatch(stream -> "audio".equals(stream.getType()));
        Frame source = Frame.displayed(video.get());
        long bitrateCap = Math.max(MIN_VIDEO_BITRATE, sourceVideoBitrate(media, video.get()));
        List<Rendition> renditions = renditions(fittingRungs(source, request), source, bitrateCap, includeAudio);
        return plan.setIncludeAudio(includeAudio).setRenditions(renditions).build();
    }

    static boolean isPicture(StreamInfo stream) {
        return "video".equals(stream.getType()) && stream.getWidth() != null && stream.getHeight() != null;
    }

    /** The video stream's own bitrate, else the whole file's (an upper bound for the video), else no cap. */
    private static long sourceVideoBitrate(MediaInfo media, StreamInfo video) {
        if (video.getBitrate() != null) {
            return video.getBitrate();
        }
        return media.getBitrate() > 0 ? media.getBitrate() : Long.MAX_VALUE;
    }

    private static List<Rung> fittingRungs(Frame source, OutputRequest request) {
        boolean asked = !request.getQualities().isEmpty() || !request.getRenditions().isEmpty();
        List<Rung> fitting = (asked ? requestedRungs(source, request) : automaticRungs(source)).stream()
                .filter(source::fits)
                .toList();
        if (fitting.isEmpty()) {
            return List.of(new Rung(null, source.width(), source.height(), null, null));
        }
        return fitting;
    }

    // Custom renditions come before named qualities, so when both ask for one size the explicit one wins.
    private static List<Rung> requestedRungs(Frame source, OutputRequest request) {
        List<Rung> rungs = new ArrayList<>();
        for (RenditionRequest rendition : request.getRenditions()) {
            rungs.add(customRung(source, rendition));
        }
        for (String name : request.getQualities()) {
            StandardQuality.named(name).ifPresent(quality -> rungs.add(source.atShortSide(quality.label(), quality.shortSide)));
        }
        return rungs;
    }

    private static Rung customRung(Frame source, RenditionRequest request) {
        Integer width = positive(request.getWidth());
        Integer height = positive(request.getHeight());
        double aspect = (double) source.width() / source.height();
        double w = width != null ? width : height != null ? height * aspect : source.width();
        double h = height != null ? height : width != null ? width / aspect : source.height();
        String name = request.getName() != null && SAFE_NAME.matcher(request.getName()).matches() ? request.getName() : null;
        return new Rung(name, w, h, positive(request.getVideoBitrate()), positive(request.getAudioBitrate()));
    }

    private static List<Rung> automaticRungs(Frame source) {
        int floor = source.shortSide() < AUTO_LADDER_FLOOR ? 0 : AUTO_LADDER_FLOOR;
        List<StandardQuality> highestFirst = new ArrayList<>(Arrays.asList(StandardQuality.values()));
        highestFirst.sort(Comparator.comparingInt((StandardQuality quality) -> quality.shortSide).reversed());
        return highestFirst.stream()
                .filter(quality -> quality.shortSide <= source.shortSide() && quality.shortSide >= floor)
                .limit(MAX_AUTO_RUNGS)
                .map(quality -> source.atShortSide(quality.label(), quality.shortSide))
                .toList();
    }

    private static List<Rendition> renditions(List<Rung> rungs, Frame source, long bitrateCap, boolean includeAudio) {
        Map<List<Integer>, Rendition> bySize = new LinkedHashMap<>();
        for (Rung rung : rungs) {
            Rendition rendition = rendition(rung, source, bitrateCap, includeAudio);
            bySize.putIfAbsent(List.of(rendition.getWidth(), rendition.getHeight()), rendition);
        }
        List<Rendition> highestFirst = new ArrayList<>(bySize.values());
        highestFirst.sort(Comparator.comparingInt((Rendition r) -> Math.min(r.getWidth(), r.getHeight()))
                .thenComparingLong(r -> (long) r.getWidth() * r.getHeight())
                .reversed());
        Set<String> taken = new HashSet<>();
        for (Rendition rendition : highestFirst) {
            rendition.setName(uniqueName(rendition.getName(), taken));
        }
        return highestFirst;
    }

    private static Rendition rendition(Rung rung, Frame source, long bitrateCap, boolean includeAudio) {
        int shortSide = even(rung.shortSide(), source.shortSide());
        int longSide = even(rung.longSide(), source.longSide());
        boolean landscape = rung.width() >= rung.height();
        int videoBitrate = rung.videoBitrate() != null ? rung.videoBitrate() : StandardQuality.videoBitrateFor(shortSide);
        int audioBitrate = rung.audioBitrate() != null ? rung.audioBitrate() : StandardQuality.audioBitrateFor(shortSide);
        return Rendition.newBuilder()
                .setName(rung.name() != null ? rung.name() : shortSide + "p")
                .setWidth(landscape ? longSide : shortSide)
                .setHeight(landscape ? shortSide : longSide)
                .setVideoBitrate((int) Math.min(videoBitrate, bitrateCap))
                .setAudioBitrate(includeAudio ? audioBitrate : 0)
                .build();
    }

    /**
     * Nearest even number, since 4:2:0 chroma needs even dimensions; never above the source's own (even) size,
     * so rounding cannot sneak in an upscale.
     */
    private static int even(double value, int sourceSide) {
        long nearest = 2 * Math.round(value / 2);
        int ceiling = sourceSide - sourceSide % 2;
        return (int) Math.max(2, Math.min(nearest, ceiling));
    }

    private static String uniqueName(String name, Set<String> taken) {
        String unique = name;
        for (int suffix = 2; !taken.add(unique); suffix++) {
            unique = name + "-" + suffix;
        }
        return unique;
    }

    private static Integer positive(Integer value) {
        return value != null && value > 0 ? value : null;
    }
}
