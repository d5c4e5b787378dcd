package dev.argus.app.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * PutRecords load with a light client: the body, awsJson1.1 (data as base64 text) or CBOR (data as
 * byte strings), is encoded once and sent as is, over {@link HttpClient} (HTTP/1.1), with a
 * well-formed but unsigned SigV4 Authorization header (neither argus without credentials nor
 * kinesalite checks signatures). On a small machine the SDK's per-call marshalling, not the
 * server, bounds throughput; this client shows the servers' own limits. Not thread-safe: one run
 * at a time.
 */
final class RawPutRecords {

  private final URI endpoint;
  /** JSON or CBOR: encodes the bodies and decodes the answers. */
  private final ObjectMapper mapper;
  private final String contentType;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();

  RawPutRecords(URI endpoint, boolean cbor) {
    this.endpoint = endpoint;
    this.mapper = cbor ? new ObjectMapper(new CBORFactory()) : new ObjectMapper();
    this.contentType = cbor ? "application/x-amz-cbor-1.1" : "application/x-amz-json-1.1";
  }

  /** {@code threads} producers, each with its own random partition keys, for {@code length}. */
  KinesisLoad.Throughput run(String stream, int threads, int batch, int size, Duration length, long seed) throws Exception {
    List<byte[]> bodies = new ArrayList<>();
    Random random = new Random(seed);
    for (int t = 0; t < threads; t++) {
      bodies.add(body(stream, batch, size, random));
    }
    long deadline = System.nanoTime() + length.toNanos();
    long start = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Callable<long[]>> tasks = new ArrayList<>();
    for (byte[] body : bodies) {
      tasks.add(() -> {
        long records = 0;
        long failed = 0;
        while (System.nanoTime() < deadline) {
          HttpResponse<byte[]> response = http.send(request(body), HttpResponse.BodyHandlers.ofByteArray());
          if (response.statusCode() != 200) {
            throw new IllegalStateException("PutRecords answered " + response.statusCode() + ": "
                + describe(response.body()));
          }
          JsonNode answer = mapper.readTree(response.body());
          int failures = answer.path("FailedRecordCount").asInt();
          failed += failures;
          records += batch - failures;
        }
        return new long[] {records, failed};
      });
    }
    long records = 0;
    long failed = 0;
    try {
      for (Future<long[]> future : pool.invokeAll(tasks)) {
        records += future.get()[0];
        failed += future.get()[1];
      }
    } finally {
      pool.shutdownNow();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return new KinesisLoad.Throughput(records, records * size, failed, seconds);
  }

  private HttpRequest request(byte[] body) {
    String date = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'"));
    return HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(60))
        .header("Content-Type", contentType)
        .header("X-Amz-Target", "Kinesis_20131202.PutRecords")
        .header("X-Amz-Date", date)
        .header("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDBENCH/" + date.substring(0, 8)
            + "/us-east-1/kinesis/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature="
            + "0".repeat(64))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
  }

  /** An error body as text: the document when it parses, else its bytes as Latin-1. */
  private String describe(byte[] body) {
    try {
      return mapper.readTree(body).toString();
    } catch (IOException notADocument) {
      return new String(body, StandardCharsets.ISO_8859_1);
    }
  }

  /** One PutRecords body; a binary node is base64 text in JSON and a byte string in CBOR. */
  byte[] body(String stream, int batch, int size, Random random) throws Exception {
    byte[] data = new byte[size];
    random.nextBytes(data);
    var root = mapper.createObjectNode().put("StreamName", stream);
    var records = root.putArray("Records");
    for (int i = 0; i < batch; i++) {
      records.addObject().put("Data", data).put("PartitionKey", "pk-" + random.nextInt(1_000_000));
    }
    return mapper.writeValueAsBytes(root);
  }
}
