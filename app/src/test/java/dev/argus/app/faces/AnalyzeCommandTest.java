package dev.argus.app.faces;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.argus.app.Main;
import dev.argus.app.demo.DemoClip;
import dev.argus.app.server.ArgusConfig;
import dev.argus.app.server.ArgusServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.core.SdkBytes;

/**
 * {@code argus faces analyze} against a real server in this JVM, over bezos_vogels.mkv uploaded
 * with {@code argus produce}: person A is alone until ~5 s of stream time (the first fragment's
 * producer timestamp), both are on screen until ~10 s, then only person B. A is enrolled from
 * picture 30 (1 s in), B from picture 450 (~15 s in).
 */
class AnalyzeCommandTest {

  private static final String STREAM = "interview";
  private static final String COLLECTION = "people";

  @TempDir
  static Path dataDir;
  @TempDir
  static Path work;

  private static ArgusServer server;
  /** Producer timestamp of the stream's first fragment: time 0 of the clip. */
  private static Instant origin;

  @BeforeAll
  static void uploadAndEnrol() throws Exception {
    server = ArgusServer.start(new ArgusConfig("127.0.0.1", 0, dataDir));
    Path clip = Path.of(System.getProperty("argus.testdata"), "kvs", "bezos_vogels.mkv");
    Result produced = run("produce", "--endpoint", server.baseUrl(), "--create", "--stream", STREAM,
        "--source", clip.toString());
    assertThat(produced.exit).as(produced.err).isZero();
    try (AnalyzeClients clients = AnalyzeClients.open(URI.create(server.baseUrl()), STREAM)) {
      clients.rekognition().createCollection(r -> r.collectionId(COLLECTION));
      enrol(clients, DemoClip.pictureAsJpeg(clip, 30), "person-a");
      enrol(clients, DemoClip.pictureAsJpeg(clip, 450), "person-b");
      origin = clients.archive().listFragmentsPaginator(r -> r.streamName(STREAM)).fragments().stream()
          .map(f -> f.producerTimestamp()).min(Instant::compareTo).orElseThrow();
    }
  }

  private static void enrol(AnalyzeClients clients, byte[] jpeg, String name) {
    assertThat(clients.rekognition().indexFaces(r -> r.collectionId(COLLECTION).externalImageId(name).maxFaces(1)
        .image(i -> i.bytes(SdkBytes.fromByteArray(jpeg)))).faceRecords()).hasSize(1);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void eachPersonIsSeenOnlyWhileOnScreenAndTheReportSaysWhen() throws Exception {
    Path out = work.resolve("report.json");
    Result result = analyze("--endpoint", server.baseUrl(), "--stream", STREAM, "--collection", COLLECTION,
        "--from", epochSeconds(origin), "--to", origin.plusSeconds(60).toString(), "--out", out.toString());
    assertThat(result.exit).as(result.err).isZero();
    System.err.print(result.out);
    JsonNode report = new ObjectMapper().readTree(out.toFile());
    assertThat(report.get("Fragments").asInt()).isPositive();
    assertThat(report.get("FramesAnalysed").asInt()).as("5 per second of ~18 s").isBetween(80, 95);
    JsonNode a = person(report, "person-a");
    assertThat(a.get("FirstSeenOffsetSeconds").asDouble()).isBetween(0.0, 1.0);
    assertThat(a.get("LastSeenOffsetSeconds").asDouble()).isBetween(4.0, 10.9);
    assertThat(a.get("Frames").asInt()).isGreaterThanOrEqualTo(15);
    assertThat(a.get("BestSimilarity").asDouble()).isBetween(80.0, 100.0);
    JsonNode b = person(report, "person-b");
    assertThat(b.get("FirstSeenOffsetSeconds").asDouble()).isGreaterThan(4.5);
    assertThat(b.get("LastSeenOffsetSeconds").asDouble()).isGreaterThan(15.0);
    assertThat(b.get("BestSimilarity").asDouble()).isBetween(80.0, 100.0);
    assertThat(report.get("Persons")).hasSize(2);
    assertThat(result.out).contains("  person-a: first seen " + Instant.parse(a.get("FirstSeen").asText()))
        .contains(a.get("Frames").asInt() + " frames, best similarity");
    assertThat(result.err).contains("fragments");
  }

  @Test
  void aWindowAfterTheCutFindsOnlyPersonB() throws Exception {
    Path out = work.resolve("after-cut.json");
    Result result = analyze("--endpoint", server.baseUrl(), "--stream", STREAM, "--collection", COLLECTION,
        "--from", origin.plusSeconds(11).toString(), "--to", epochSeconds(origin.plusSeconds(30)), "--fps", "2",
        "--out", out.toString());
    assertThat(result.exit).as(result.err).isZero();
    JsonNode report = new ObjectMapper().readTree(out.toFile());
    assertThat(report.get("Persons")).extracting(p -> p.get("Person").asText()).containsExactly("person-b");
    assertThat(person(report, "person-b").get("FirstSeenOffsetSeconds").asDouble()).isBetween(0.0, 0.6);
  }

  /** With no server running, --data-dir starts one in the command's process over the same directory. */
  @Test
  void withoutAServerTheDataDirectoryIsAnalysedInProcess() throws Exception {
    String[] window = {"--stream", STREAM, "--collection", COLLECTION, "--from", origin.toString(), "--to",
        origin.plusSeconds(6).toString(), "--fps", "1"};
    Result viaServer = analyze(concat(new String[] {"--endpoint", server.baseUrl()}, window));
    server.close();
    try {
      Result inProcess = analyze(concat(new String[] {"--data-dir", dataDir.toString()}, window));
      assertThat(inProcess.exit).as(inProcess.err).isZero();
      assertThat(inProcess.out).isEqualTo(viaServer.out).contains("  person-a: first seen ");
    } finally {
      server = ArgusServer.start(new ArgusConfig("127.0.0.1", 0, dataDir));
    }
  }

  @Test
  void aDataDirectoryInUseByAServerIsRefused() {
    Result result = analyze("--data-dir", dataDir.toString(), "--stream", STREAM, "--collection", COLLECTION,
        "--from", "0", "--to", "100");
    assertThat(result.exit).isEqualTo(1);
    assertThat(result.err).isNotBlank();
    assertThat(result.out).isEmpty();
  }

  private static String[] concat(String[] a, String[] b) {
    List<String> all = new ArrayList<>(List.of(a));
    all.addAll(List.of(b));
    return all.toArray(String[]::new);
  }

  @Test
  void anUnknownStreamIsAClearFailure() {
    Result result = analyze("--endpoint", server.baseUrl(), "--stream", "nobody", "--collection", COLLECTION,
        "--from", "0", "--to", "100");
    assertThat(result.exit).isEqualTo(1);
    assertThat(result.err).contains("stream nobody does not exist");
    assertThat(result.out).isEmpty();
  }

  @Test
  void anUnknownCollectionIsAClearFailure() {
    Result result = analyze("--endpoint", server.baseUrl(), "--stream", STREAM, "--collection", "strangers",
        "--from", "0", "--to", "100");
    assertThat(result.exit).isEqualTo(1);
    assertThat(result.err).contains("collection strangers does not exist");
  }

  @Test
  void fromAfterToIsAUsageError() {
    Result result = analyze("--endpoint", server.baseUrl(), "--stream", STREAM, "--collection", COLLECTION,
        "--from", "2026-11-26T00:00:10Z", "--to", "1795651200");
    assertThat(result.exit).isEqualTo(2);
    assertThat(result.err).contains("--from (2026-11-26T00:00:10Z) must be before --to (2026-11-26T00:00:00Z)");
  }

  @Test
  void anUnreadableTimeIsAUsageError() {
    Result result = analyze("--endpoint", server.baseUrl(), "--stream", STREAM, "--collection", COLLECTION,
        "--from", "yesterday", "--to", "1795651200");
    assertThat(result.exit).isEqualTo(2);
    assertThat(result.err).contains("--from").contains("ISO-8601");
  }

  @Test
  void anUnreachableServerIsAClearFailure() {
    Result result = analyze("--endpoint", "http://127.0.0.1:1", "--stream", STREAM, "--collection", COLLECTION,
        "--from", "0", "--to", "100");
    assertThat(result.exit).isEqualTo(1);
    assertThat(result.err).contains("cannot reach Argus at http://127.0.0.1:1");
  }

  private static JsonNode person(JsonNode report, String name) {
    for (JsonNode p : report.get("Persons")) {
      if (p.get("Person").asText().equals(name)) {
        return p;
      }
    }
    throw new AssertionError(name + " is not in " + report.toPrettyString());
  }

  private static String epochSeconds(Instant t) {
    return String.format(Locale.ROOT, "%d.%03d", t.getEpochSecond(), t.getNano() / 1_000_000);
  }

  private static Result analyze(String... args) {
    List<String> all = new ArrayList<>(List.of("faces", "analyze"));
    all.addAll(List.of(args));
    return run(all.toArray(String[]::new));
  }

  private static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine command = Main.commandLine();
    command.setOut(new PrintWriter(out));
    command.setErr(new PrintWriter(err));
    int exit = command.execute(args);
    return new Result(exit, out.toString(), err.toString());
  }

  private record Result(int exit, String out, String err) {
  }
}
