package io.reelay.ingest.core;

import java.util.List;

/** Quality names a job may ask for; the probe service turns them into sizes and bitrates for the actual source. */
final class NamedQualities {

    static final List<String> NAMES = List.of("144p", "240p", "360p", "480p", "720p", "1080p", "1440p", "2160p");

    private NamedQualities() {
    }
}
