package io.reelay.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.reelay.encode.core.EncoderPresets;
import io.reelay.encode.core.EncodingProfile;
import io.reelay.encode.core.FfmpegCommand;
import io.reelay.encode.core.SourceFacts;
import io.reelay.events.AudioCodec;
import io.reelay.events.ObjectLocation;
import io.reelay.events.OutputFormat;
import io.reelay.events.OutputPlan;
import io.reelay.events.Rendition;
import io.reelay.events.VideoCodec;
import io.reelay.storage.S3Clients;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How much the pipeline costs over plain ffmpeg, and what the stack itself costs. Generates 1080p sources of the
 * requested lengths, starts the local stack on free ports and, one after another:
 * <ol>
 *   <li>puts the shortest source through the pipeline once, untimed among the others: the stack's first job;</li>
 *   <li>puts each source through the whole pipeline with the sample job's 3-rung H.264 ladder (1080p, 720p, 480p;
 *       HLS fMP4, 4 s segments), timed from submit to the final webhook, watching for the first segment delivered;</li>
 *   <li>loads the stack's state service with copies of those jobs' events, then with concurrent GETs;</li>
 *   <li>with the stack stopped, runs the encode service's own ffmpeg command ({@link FfmpegCommand}, for the plan
 *       probe made) alone on each local file, and for one length also one ffmpeg per rendition.</li>
 * </ol>
 * Throughout, every process's memory is sampled. Writes a Markdown report and a PNG chart; see
 * {@link BenchmarkOptions#USAGE}.
 */
public final class PipelineBenchmark {

    // The encode service's defaults (reelay.encode.*); only the x264 preset matters for an H.264 ladder.
    private static final EncoderPresets SERVICE_PRESETS = new EncoderPresets("veryfast", "veryfast", "good", 4, 10);
    /** Services keep warming up (JIT, consumer groups joining) for a while after they first answer. */
    private static final Duration IDLE_SETTLE = Duration.ofSeconds(10);
    /** The services that act on the pipeline's topics; stopped before the state load, which copies their input. */
    private static final Set<String> WORKERS = Set.of("probe-service", "encode-service", "upload-service");
    private static final int PER_RENDITION_SECONDS = 60;
    private static final String WEBHOOK_HOST = "127.0.0.1";

    private final PrintStream out = System.out;

    /** What was measured while the stack ran. */
    private record StackResults(Map<Integer, TimedJob.Timing> timings, StateLoad.Result state,
                                List<BenchmarkReport.ProcessRun> processes, Duration startup,
                                BenchmarkReport.FirstJob firstJob) {
    }

    /** The ladder of each source by ffmpeg alone, and that command as the report shows it. */
    private record AloneRuns(List<BenchmarkReport.SizeRun> sizes, String shownCommand) {
    }

    private PipelineBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        BenchmarkOptions options;
        try {
            options = BenchmarkOptions.parse(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage() + "\n\n" + BenchmarkOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(BenchmarkOptions.USAGE);
            return;
        }
        String allowed = Objects.requireNonNullElse(System.getenv("WEBHOOK_ALLOWED_HOSTS"), "");
        if (!Arrays.asList(allowed.split(",")).contains(WEBHOOK_HOST)) {
            // the services inherit this JVM's environment: that is how they learn to accept the receiver
            System.err.println("The services must accept webhooks to the benchmark's receiver on " + WEBHOOK_HOST
                    + ": run the benchmark through deploy/bench/run.sh, or set WEBHOOK_ALLOWED_HOSTS=" + WEBHOOK_HOST);
            System.exit(2);
        }
        new PipelineBenchmark().run(options);
        System.exit(0);
    }

    private void run(BenchmarkOptions options) throws Exception {
        ReelayHome home = ReelayHome.locate();
        String loadBefore = loadAverage();
        StackDirectory data = new StackDirectory(home.root().resolve("deploy/bench/target/data")).clear();
        Map<Integer, Path> sources = generateSources(options.sizes(), data);
        StackResults stack = throughStack(home, data, sources, options.stateEvents());

        out.println("The stack is stopped; now ffmpeg alone on the local files ...");
        Path scratch = data.component("alone");
        AloneRuns alone = aloneRuns(sources, stack.timings(), scratch, data.logs());
        List<BenchmarkReport.SizeRun> sizes = alone.sizes();
        BenchmarkReport.SizeRun compared = sizes.stream()
                .min(Comparator.comparingInt(size -> Math.abs(size.sourceSeconds() - PER_RENDITION_SECONDS)))
                .orElseThrow();
        out.println("... and one ffmpeg per rendition on the " + compared.sourceSeconds() + " s source");
        OutputPlan plan = planOf(compared.pipeline().output().path("renditions"));
        MeteredRun.Cost split = MeteredRun.run("ffmpeg-per-rendition", perRendition(sources.get(
                compared.sourceSeconds()), plan, compared.sourceSeconds(), scratch), data.logs());

        Path report = home.root().resolve(options.out());
        Path chart = home.root().resolve(options.chart());
        BenchmarkReport page = new BenchmarkReport(
                new BenchmarkReport.Machine(Instant.now(), Runtime.getRuntime().availableProcessors(), cpuModel(),
                        loadBefore, loadAverage()),
                sizes, new BenchmarkReport.PerRendition(compared.sourceSeconds(), compared.alone(), split),
                stack.state(), stack.processes(), stack.startup(), stack.firstJob(), plan.getRenditions(),
                alone.shownCommand(),
                chart.getFileName().toString());
        Files.createDirectories(report.toAbsolutePath().getParent());
        Files.writeString(report, page.markdown());
        BenchmarkChart.write(sizes, chart);
        out.println();
        out.println(page.markdown());
        out.println("Written to " + report + " and " + chart);
    }

    /** Each source's ladder by ffmpeg alone, beside its pipeline run; shows the first source's command. */
    private static AloneRuns aloneRuns(Map<Integer, Path> sources, Map<Integer, TimedJob.Timing> timings,
                                       Path scratch, Path logs) throws IOException, InterruptedException {
        List<BenchmarkReport.SizeRun> sizes = new ArrayList<>();
        String shownCommand = null;
        for (Map.Entry<Integer, Path> source : sources.entrySet()) {
            TimedJob.Timing timing = timings.get(source.getKey());
            Path output = scratch.resolve(source.getKey() + "s");
            List<String> command = command(source.getValue(), planOf(timing.output().path("renditions")),
                    source.getKey(), output);
            if (shownCommand == null) {
                shownCommand = String.join(" ", command).replace(SampleVideo.ffmpegBinary(), "ffmpeg")
                        .replace(source.getValue().toString(), "source.mp4").replace(output.toString(), "<scratch>");
            }
            sizes.add(new BenchmarkReport.SizeRun(source.getKey(), timing,
                    MeteredRun.run("ffmpeg-alone-" + source.getKey() + "s", List.of(command), logs)));
        }
        return new AloneRuns(sizes, shownCommand);
    }

    private Map<Integer, Path> generateSources(List<Integer> sizes, StackDirectory data) throws InterruptedException {
        Map<Integer, Path> sources = new LinkedHashMap<>();
        for (int seconds : sizes) {
            out.printf("Generating a %d s 1080p source ... ", seconds);
            out.flush();
            Path source = data.component("source").resolve(seconds + "s.mp4");
            MeteredRun.Cost cost = MeteredRun.run("source-" + seconds + "s",
                    List.of(SampleVideo.command(SampleVideo.ffmpegBinary(), source, seconds)), data.logs());
            out.printf("done in %.1f s%n", cost.wallSeconds());
            sources.put(seconds, source);
        }
        return sources;
    }

    private StackResults throughStack(ReelayHome home, StackDirectory data, Map<Integer, Path> sources,
                                      int stateEvents) throws Exception {
        StackPorts ports = freePorts();
        LocalStack started = new LocalStack(home, data, ports, LocalStack.newApiKey(), process -> out.printf(
                "  %-15s ready after %5.1f s%n", process.name(), seconds(process.readyAfter().orElseThrow())));
        // Ctrl-C must not leave the broker, the registry and five services running behind
        Runtime.getRuntime().addShutdownHook(new Thread(started::close, "bench-stack-shutdown"));
        try (LocalStack stack = started) {
            out.println("Starting the local stack ...");
            long starting = System.nanoTime();
            stack.start();
            Duration startup = Duration.ofNanos(System.nanoTime() - starting);
            out.printf("All healthy after %.1f s%n", seconds(startup));
            URI state = local(ports.servicePort("state-service"));
            ReelayClient client = new ReelayClient(local(ports.servicePort("ingest-service")), state, stack.apiKey());
            try (MemorySampler memory = new MemorySampler(stack.processes());
                 WebhookClock webhooks = new WebhookClock();
                 S3Client s3 = S3Clients.client(stack.s3Settings())) {
                Thread.sleep(IDLE_SETTLE.toMillis());
                memory.markIdle();
                Map.Entry<Integer, Path> shortest = sources.entrySet().stream()
                        .min(Map.Entry.comparingByKey()).orElseThrow();
                BenchmarkReport.FirstJob firstJob = new BenchmarkReport.FirstJob(shortest.getKey(), TimedJob.run(
                        client, s3, webhooks, shortest.getValue(), "bench-first-job", out));
                out.printf("  first job (%d s source, not timed with the others): final webhook after %.1f s%n",
                        firstJob.sourceSeconds(), firstJob.timing().wallSeconds());
                Map<Integer, TimedJob.Timing> timings = new LinkedHashMap<>();
                for (Map.Entry<Integer, Path> source : sources.entrySet()) {
                    TimedJob.Timing timing = TimedJob.run(client, s3, webhooks, source.getValue(),
                            "bench-" + source.getKey() + "s", out);
                    out.printf("  %d s source: final webhook after %.1f s, first segment after %.1f s%n",
                            source.getKey(), timing.wallSeconds(), timing.firstSegmentSeconds());
                    timings.put(source.getKey(), timing);
                }
                stack.processes().stream().filter(p -> WORKERS.contains(p.name())).forEach(ManagedProcess::stop);
                StateLoad.Result load = new StateLoad(stack.kafkaBootstrapServers(),
                        stack.serviceEnvironment().registryUrl(), new JobQueries(state, stack.apiKey()), out)
                        .run(stateEvents);
                List<BenchmarkReport.ProcessRun> processes = new ArrayList<>();
                memory.footprints().forEach((process, footprint) -> processes.add(new BenchmarkReport.ProcessRun(
                        process.readyAfter().orElseThrow(), footprint)));
                return new StackResults(timings, load, processes, startup, firstJob);
            }
        }
    }

    private static List<List<String>> perRendition(Path source, OutputPlan plan, int seconds, Path scratch)
            throws IOException {
        List<List<String>> commands = new ArrayList<>();
        for (Rendition rendition : plan.getRenditions()) {
            OutputPlan single = OutputPlan.newBuilder(plan).setRenditions(List.of(rendition)).build();
            commands.add(command(source, single, seconds, scratch.resolve("per-" + rendition.getName())));
        }
        return commands;
    }

    private static List<String> command(Path source, OutputPlan plan, int seconds, Path scratch) throws IOException {
        for (Rendition rendition : plan.getRenditions()) {
            Files.createDirectories(scratch.resolve(rendition.getName()));
        }
        SourceFacts facts = new SourceFacts("aac", 30.0, seconds);
        EncodingProfile profile = EncodingProfile.of(plan, facts, SERVICE_PRESETS);
        return FfmpegCommand.forOutput(new FfmpegCommand.Settings(SampleVideo.ffmpegBinary(), SERVICE_PRESETS),
                source.toString(), plan, facts, profile, scratch);
    }

    /** The plan probe made, as state reports it: the ladder with its sizes and bitrates. */
    private static OutputPlan planOf(JsonNode renditions) {
        List<Rendition> ladder = new ArrayList<>();
        for (JsonNode rendition : renditions) {
            ladder.add(new Rendition(rendition.path("name").asText(), rendition.path("width").asInt(),
                    rendition.path("height").asInt(), rendition.path("videoBitrate").asInt(),
                    rendition.path("audioBitrate").asInt()));
        }
        return OutputPlan.newBuilder().setOutputId("hls").setFormat(OutputFormat.HLS_FMP4)
                .setVideoCodec(VideoCodec.H264).setAudioCodec(AudioCodec.AAC).setIncludeAudio(true)
                .setSegmentSeconds(4).setRenditions(ladder).setDestination(new ObjectLocation("local", "bench"))
                .build();
    }

    /** The 1-minute load average. */
    private static String loadAverage() throws IOException {
        Path loadavg = Path.of("/proc/loadavg");
        return Files.isReadable(loadavg) ? Files.readString(loadavg).split(" ")[0] : "unknown";
    }

    private static String cpuModel() throws IOException {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(cpuinfo)) {
            return "unknown CPU";
        }
        return Files.readAllLines(cpuinfo).stream().filter(line -> line.startsWith("model name"))
                .map(line -> line.substring(line.indexOf(':') + 1).trim()).findFirst().orElse("unknown CPU");
    }

    /** Free ports, so that the benchmark runs beside a local stack on the default ports. */
    private static StackPorts freePorts() throws IOException {
        StackPorts ports = StackPorts.defaults();
        for (String flag : ports.byFlag().keySet()) {
            ports = ports.with(flag, freePort());
        }
        return ports;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static URI local(int port) {
        return URI.create("http://127.0.0.1:" + port);
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
