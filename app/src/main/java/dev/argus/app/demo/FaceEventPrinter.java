package dev.argus.app.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.argus.datastream.aggregation.DeaggregatedRecord;
import dev.argus.datastream.consumer.InitializationInput;
import dev.argus.datastream.consumer.LeaseLostInput;
import dev.argus.datastream.consumer.ProcessRecordsInput;
import dev.argus.datastream.consumer.ShardEndedInput;
import dev.argus.datastream.consumer.ShardRecordProcessor;
import dev.argus.datastream.consumer.ShutdownRequestedInput;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's consumer side: a consumer-library processor that prints one line per face in each
 * face-search record as it arrives, and keeps what the summary needs (records, faces, matches per
 * person, latencies). Line format, on stdout:
 *
 * <pre>[  3.20 s] fragment N  face left 0.41 top 0.18 0.17x0.36  person-a  similarity 93.1  latency 412 ms</pre>
 *
 * Time is the frame's producer time minus the first fragment's. Latency is the time of printing
 * minus the frame's upload, taken as the later of its fragment's ServerTimestamp (when the
 * fragment started to arrive) and its capture (ProducerTimestamp plus the frame's offset): the
 * producer library streams each frame as it is encoded, so a frame reaches the server once both
 * have happened. The summary also gives the latency from capture. Both are meaningful when video
 * is sent in real time by a producer whose clock agrees with the server's.
 *
 * <p>Thread-safe: shard processors call {@link #accept} concurrently; state is guarded by this.
 */
final class FaceEventPrinter {

  private static final Logger log = LoggerFactory.getLogger(FaceEventPrinter.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Latency samples kept for the percentiles. */
  static final int DEFAULT_MAX_SAMPLES = 1_000_000;

  /** One person's appearances. */
  record Person(String name, double firstSeconds, double lastSeconds, int frames, double bestSimilarity) {
  }

  private final PrintWriter out;
  private final Clock clock;
  private final LongSupplier originMillis;
  private final List<Long> latencies = new ArrayList<>();
  private final List<Long> captureLatencies = new ArrayList<>();
  private final Map<String, Person> people = new LinkedHashMap<>();
  private long records;
  private long lastRecordMillis = Long.MIN_VALUE;
  /** Video time 0 when {@code originMillis} has none: the first record's fragment producer time. */
  private long firstProducerMillis = Long.MIN_VALUE;
  private long faces;
  private long matches;

  /**
   * @param originMillis epoch ms of video time 0 (the first fragment's producer timestamp), or
   *                     {@code Long.MIN_VALUE} to use the first record's fragment's
   */
  FaceEventPrinter(PrintWriter out, Clock clock, LongSupplier originMillis) {
    this.out = out;
    this.clock = clock;
    this.originMillis = originMillis;
  }

  synchronized long records() {
    return records;
  }

  /** Clock millis when the last record arrived, {@code Long.MIN_VALUE} before the first. */
  synchronized long lastRecordMillis() {
    return lastRecordMillis;
  }

  synchronized long faces() {
    return faces;
  }

  synchronized long matches() {
    return matches;
  }

  synchronized List<Person> people() {
    return List.copyOf(people.values());
  }

  /** Upload-to-event latency percentile {@code p} (0-1) in ms, or -1 without samples (nearest rank). */
  synchronized long latencyPercentile(double p) {
    return percentile(latencies, p);
  }

  /** Capture-to-event latency percentile {@code p} (0-1) in ms, or -1 without samples (nearest rank). */
  synchronized long captureLatencyPercentile(double p) {
    return percentile(captureLatencies, p);
  }

  private static long percentile(List<Long> samples, double p) {
    if (samples.isEmpty()) {
      return -1;
    }
    List<Long> sorted = new ArrayList<>(samples);
    sorted.sort(null);
    int rank = (int) Math.ceil(p * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
  }

  synchronized int latencySamples() {
    return latencies.size();
  }

  /** Prints a record's faces; a record that is not face-search JSON is logged and skipped. */
  synchronized void accept(byte[] data) {
    JsonNode root;
    try {
      root = JSON.readTree(data);
    } catch (IOException e) {
      log.warn("skipping a record that is not JSON: {}", e.getMessage());
      return;
    }
    JsonNode video = root.path("InputInformation").path("KinesisVideo");
    double offset = video.path("FrameOffsetInSeconds").asDouble();
    long now = clock.millis();
    if (firstProducerMillis == Long.MIN_VALUE) {
      firstProducerMillis = Math.round(video.path("ProducerTimestamp").asDouble() * 1000);
    }
    long origin = originMillis.getAsLong() == Long.MIN_VALUE ? firstProducerMillis : originMillis.getAsLong();
    double seconds = video.path("ProducerTimestamp").asDouble() + offset - origin / 1000.0;
    lastRecordMillis = now;
    long captured = Math.round((video.path("ProducerTimestamp").asDouble() + offset) * 1000);
    long uploaded = Math.max(Math.round(video.path("ServerTimestamp").asDouble() * 1000), captured);
    long latency = now - uploaded;
    records++;
    if (latencies.size() < DEFAULT_MAX_SAMPLES) {
      latencies.add(latency);
      captureLatencies.add(now - captured);
    }
    for (JsonNode face : root.path("FaceSearchResponse")) {
      faces++;
      JsonNode box = face.path("DetectedFace").path("BoundingBox");
      JsonNode best = null;
      for (JsonNode match : face.path("MatchedFaces")) {
        if (best == null || match.path("Similarity").asDouble() > best.path("Similarity").asDouble()) {
          best = match;
        }
      }
      String who = "no match";
      if (best != null) {
        matches++;
        String name = best.path("Face").path("ExternalImageId").asText(best.path("Face").path("FaceId").asText());
        double similarity = best.path("Similarity").asDouble();
        who = String.format(Locale.ROOT, "%s  similarity %.1f", name, similarity);
        people.merge(name, new Person(name, seconds, seconds, 1, similarity), (a, b) -> new Person(name,
            Math.min(a.firstSeconds(), seconds), Math.max(a.lastSeconds(), seconds), a.frames() + 1,
            Math.max(a.bestSimilarity(), similarity)));
      }
      out.printf(Locale.ROOT, "[%6.2f s] fragment %s  face left %.2f top %.2f %.2fx%.2f  %s  latency %d ms%n",
          seconds, video.path("FragmentNumber").asText(), box.path("Left").asDouble(), box.path("Top").asDouble(),
          box.path("Width").asDouble(), box.path("Height").asDouble(), who, latency);
    }
    out.flush();
  }

  /** A processor per shard: print, then checkpoint. */
  ShardRecordProcessor processor() {
    return new ShardRecordProcessor() {
      @Override
      public void initialize(InitializationInput input) {
      }

      @Override
      public void processRecords(ProcessRecordsInput input) {
        for (DeaggregatedRecord record : input.records()) {
          accept(record.data());
        }
        input.checkpointer().checkpoint();
      }

      @Override
      public void leaseLost(LeaseLostInput input) {
      }

      @Override
      public void shardEnded(ShardEndedInput input) {
        input.checkpointer().checkpoint();
      }

      @Override
      public void shutdownRequested(ShutdownRequestedInput input) {
        input.checkpointer().checkpoint();
      }
    };
  }
}
