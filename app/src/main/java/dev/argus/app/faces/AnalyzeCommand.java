package dev.argus.app.faces;

import dev.argus.app.server.ArgusConfig;
import dev.argus.app.server.ArgusServer;
import dev.argus.faces.batch.BatchReport;
import dev.argus.faces.batch.Sightings;
import dev.argus.faces.batch.TimeArgument;
import dev.argus.faces.batch.TimeWindow;
import dev.argus.faces.detect.YunetFaceDetector;
import dev.argus.faces.stream.FrameAnalyzer;
import dev.argus.faces.stream.FrameSampler;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.FragmentSelectorType;

/**
 * {@code argus faces analyze}: who appears in a stretch of stored video. It reads the stream's
 * fragments in the window over the wire (GetDataEndpoint, ListFragments,
 * GetMediaForFragmentList), decodes them here, samples {@code --fps} frames per second, detects
 * every face here and searches the collection for each with SearchFacesByImage
 * ({@link CropSearch}), then prints a per-person summary to stdout (and, with {@code --out}, the
 * JSON report of {@link BatchReport}); progress goes to stderr.
 *
 * <p>Where the data comes from: by default a running Argus at {@code --endpoint} (as
 * {@code argus produce}); with {@code --data-dir}, an Argus started in this process on that
 * directory (which must not be in use by another server: it is locked), on an ephemeral loopback
 * port, and the same wire path is used. Only public APIs are called, so the server needs nothing
 * special, and analysis load stays off the server but for the searches.
 *
 * <p>Exit status: 0 when the window was analysed (even with nobody found); 1 when the stream or
 * the collection does not exist, the server cannot be reached, or a fragment cannot be read;
 * 2 for bad arguments (an unreadable time, {@code --from} not before {@code --to}).
 */
@Command(name = "analyze", mixinStandardHelpOptions = true,
    description = "Finds the collection's people in a stream's stored video between two times.")
public final class AnalyzeCommand implements Callable<Integer> {

  /** Reads TIME options: epoch seconds or ISO-8601 with a zone. */
  static final class TimeConverter implements ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
      return TimeArgument.parse(value);
    }
  }

  @Spec
  CommandSpec spec;

  @Option(names = "--stream", required = true, description = "Video stream name.")
  String stream;

  @Option(names = "--from", required = true, converter = TimeConverter.class,
      description = "Start, inclusive: epoch seconds (1795651200.5) or ISO-8601 with a zone (2026-11-26T00:00:00Z).")
  Instant from;

  @Option(names = "--to", required = true, converter = TimeConverter.class, description = "End, inclusive; same forms.")
  Instant to;

  @Option(names = "--collection", required = true, description = "Face collection to search.")
  String collection;

  @Option(names = "--out", description = "Also write the report as JSON to this file.")
  Path out;

  @Option(names = "--fps", defaultValue = "5", description = "Frames analysed per second of video (default ${DEFAULT-VALUE}).")
  double framesPerSecond;

  @Option(names = "--threshold", defaultValue = "80", description = "FaceMatchThreshold, 0-100 (default ${DEFAULT-VALUE}).")
  float threshold;

  @Option(names = "--timestamps", defaultValue = "producer",
      description = "Which fragment timestamps TIME means: producer (camera clock) or server (arrival) (default ${DEFAULT-VALUE}).")
  String timestamps;

  @Option(names = "--endpoint", defaultValue = "${env:ARGUS_ENDPOINT:-http://127.0.0.1:4566}",
      description = "A running Argus (env ARGUS_ENDPOINT; default ${DEFAULT-VALUE}).")
  URI endpoint;

  @Option(names = "--data-dir",
      description = "Instead of --endpoint: start Argus in this process on this data directory (no server may be using it).")
  Path dataDir;

  @Override
  public Integer call() throws Exception {
    TimeWindow window = window();
    FragmentSelectorType selector = selector();
    if (!(framesPerSecond > 0 && framesPerSecond <= 1000)) {
      throw new ParameterException(spec.commandLine(), "--fps must be in (0, 1000], not " + framesPerSecond);
    }
    if (!(threshold >= 0 && threshold <= 100)) {
      throw new ParameterException(spec.commandLine(), "--threshold must be in [0, 100], not " + threshold);
    }
    if (dataDir == null) {
      return analyze(endpoint, window, selector);
    }
    try (ArgusServer server = ArgusServer.start(new ArgusConfig("127.0.0.1", 0, dataDir))) {
      return analyze(URI.create(server.baseUrl()), window, selector);
    }
  }

  private TimeWindow window() {
    try {
      return new TimeWindow(from, to);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  private FragmentSelectorType selector() {
    return switch (timestamps.toLowerCase(Locale.ROOT)) {
      case "producer" -> FragmentSelectorType.PRODUCER_TIMESTAMP;
      case "server" -> FragmentSelectorType.SERVER_TIMESTAMP;
      default -> throw new ParameterException(spec.commandLine(), "--timestamps must be producer or server, not "
          + timestamps);
    };
  }

  private int analyze(URI at, TimeWindow window, FragmentSelectorType selector) throws Exception {
    try (AnalyzeClients clients = open(at);
         YunetFaceDetector detector = new YunetFaceDetector(YunetFaceDetector.Config.defaults())) {
      try {
        clients.rekognition().describeCollection(r -> r.collectionId(collection));
      } catch (software.amazon.awssdk.services.rekognition.model.ResourceNotFoundException e) {
        throw new IllegalArgumentException("collection " + collection + " does not exist at " + at);
      }
      StoredFrames frames = new StoredFrames(clients.archive(), stream, selector, window);
      List<StoredFrames.Listed> fragments = frames.list();
      CropSearch search = new CropSearch(detector, clients.rekognition(), collection, threshold,
          FrameAnalyzer.DEFAULT_MAX_MATCHES);
      Sightings sightings = new Sightings();
      FrameSampler sampler = FrameSampler.perSecond(framesPerSecond);
      ProgressBar progress = new ProgressBar(spec.commandLine().getErr(), System.console() != null);
      progress.show(0, fragments.size(), 0, 0);
      for (int i = 0; i < fragments.size(); i++) {
        frames.read(fragments.get(i), sampler, (time, bgr) -> sightings.frame(time, search.search(bgr)));
        progress.show(i + 1, fragments.size(), sightings.frames(), sightings.people().size());
      }
      progress.clear();
      report(BatchReport.of(stream, collection, window, threshold, framesPerSecond, fragments.size(), sightings));
      return 0;
    }
  }

  private AnalyzeClients open(URI at) {
    try {
      return AnalyzeClients.open(at, stream);
    } catch (software.amazon.awssdk.services.kinesisvideo.model.ResourceNotFoundException e) {
      throw new IllegalArgumentException("stream " + stream + " does not exist at " + at);
    } catch (SdkClientException e) {
      throw new IllegalStateException("cannot reach Argus at " + at + " (start `argus server`, or use --data-dir): "
          + e.getMessage(), e);
    }
  }

  private void report(BatchReport report) throws java.io.IOException {
    PrintWriter stdout = spec.commandLine().getOut();
    stdout.print(report.toText());
    stdout.flush();
    if (out != null) {
      Files.writeString(out, report.toJson() + "\n", StandardCharsets.UTF_8);
    }
  }
}
