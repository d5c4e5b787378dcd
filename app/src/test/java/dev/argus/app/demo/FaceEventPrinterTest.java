package dev.argus.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class FaceEventPrinterTest {

  private static final long ORIGIN = 1_764_000_000_000L;

  private static byte[] record(double producerSeconds, double offset, String matches) {
    return String.format(Locale.ROOT, "{\"InputInformation\":{\"KinesisVideo\":{\"FragmentNumber\":\"42\","
        + "\"ServerTimestamp\":%.3f,\"ProducerTimestamp\":%.3f,\"FrameOffsetInSeconds\":%.2f}},"
        + "\"FaceSearchResponse\":[{\"DetectedFace\":{\"BoundingBox\":{\"Width\":0.2,\"Height\":0.4,\"Left\":0.1,"
        + "\"Top\":0.3}},\"MatchedFaces\":%s}]}", producerSeconds + 0.1, producerSeconds, offset, matches)
        .getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void printsEachFaceAndSummarisesPeopleAndLatency() {
    StringWriter text = new StringWriter();
    Clock clock = Clock.fixed(Instant.ofEpochMilli(ORIGIN + 3_100), ZoneOffset.UTC);
    FaceEventPrinter printer = new FaceEventPrinter(new PrintWriter(text), clock, () -> ORIGIN);
    printer.accept(record(ORIGIN / 1000.0 + 2, 0.5,
        "[{\"Similarity\":88.5,\"Face\":{\"ExternalImageId\":\"ann\"}},{\"Similarity\":81,\"Face\":{\"ExternalImageId\":\"bo\"}}]"));
    printer.accept(record(ORIGIN / 1000.0 + 2, 0.9, "[]"));
    printer.accept(record(ORIGIN / 1000.0 + 2, 0.0, "[]"));
    printer.accept("not json".getBytes(StandardCharsets.UTF_8));

    // The fragment began to arrive at producer time + 0.1 s (ServerTimestamp); a frame is captured
    // at producer time + offset and uploaded at the later of the two.
    assertThat(text.toString().split("\n")).containsExactly(
        "[  2.50 s] fragment 42  face left 0.10 top 0.30 0.20x0.40  ann  similarity 88.5  latency 600 ms",
        "[  2.90 s] fragment 42  face left 0.10 top 0.30 0.20x0.40  no match  latency 200 ms",
        "[  2.00 s] fragment 42  face left 0.10 top 0.30 0.20x0.40  no match  latency 1000 ms");
    assertThat(printer.records()).isEqualTo(3);
    assertThat(printer.faces()).isEqualTo(3);
    assertThat(printer.matches()).isEqualTo(1);
    assertThat(printer.people()).containsExactly(new FaceEventPrinter.Person("ann", 2.5, 2.5, 1, 88.5));
    assertThat(printer.latencyPercentile(0.5)).isEqualTo(600);
    assertThat(printer.latencyPercentile(0.99)).isEqualTo(1000);
    assertThat(printer.captureLatencyPercentile(0.5)).isEqualTo(600);
    assertThat(printer.captureLatencyPercentile(0.99)).isEqualTo(1100);
    assertThat(printer.latencySamples()).isEqualTo(3);
  }
}
