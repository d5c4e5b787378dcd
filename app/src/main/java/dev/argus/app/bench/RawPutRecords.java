package dev.argus.app.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import java.io.IOException;
import java.net.URI;
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
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpPost;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.entity.ContentType;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.impl.conn.PoolingHttpClientConnectionManager;
import org.apache.http.util.EntityUtils;

/**
 * PutRecords load with a light client: the body, awsJson1.1 (data as base64 text) or CBOR (data as
 * byte strings), is encoded once and sent as is over HTTP/1.1 keep-alive connections (Apache
 * HttpClient, one connection a producer, blocking writes straight from the body's array), with a
 * well-formed but unsigned SigV4 Authorization header (neither argus without credentials nor
 * kinesalite checks signatures). On a small machine the SDK's per-call marshalling, not the
 * server, bounds throughput; this client shows the servers' own limits. Not thread-safe: one run
 * at a time.
 */
final class RawPutRecords {

  private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
  private final URI endpoint;
  /** JSON or CBOR: encodes the bodies and decodes the answers. */
  private final ObjectMapper mapper;
  private final ContentType contentType;

  RawPutRecords(URI endpoint, boolean cbor) {
    this.endpoint = endpoint;
    this.mapper = cbor ? new ObjectMapper(new CBORFactory()) : new ObjectMapper();
    this.contentType = ContentType.create(cbor ? "application/x-amz-cbor-1.1" : "application/x-amz-json-1.1");
  }

  /** {@code threads} producers, each with its own random partition keys, for {@code length}. */
  KinesisLoad.Throughput run(String stream, int threads, int batch, int size, Duration length, long seed) throws Exception {
    List<byte[]> bodies = new ArrayList<>();
    Random random = new Random(seed);
    for (int t = 0; t < threads; t++) {
      bodies.add(body(stream, batch, size, random));
    }
    PoolingHttpClientConnectionManager connections = new PoolingHttpClientConnectionManager();
    connections.setMaxTotal(threads);
    connections.setDefaultMaxPerRoute(threads);
    int timeout = (int) Duration.ofSeconds(60).toMillis();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try (CloseableHttpClient http = HttpClients.custom().setConnectionManager(connections)
        .setDefaultRequestConfig(RequestConfig.custom().setConnectTimeout(timeout).setSocketTimeout(timeout).build())
        .build()) {
      long deadline = System.nanoTime() + length.toNanos();
      PhaseClock clock = new PhaseClock();
      List<Callable<long[]>> tasks = new ArrayList<>();
      for (byte[] body : bodies) {
        tasks.add(() -> {
          long records = 0;
          long failed = 0;
          while (System.nanoTime() < deadline) {
            int failures = put(http, body);
            failed += failures;
            records += batch - failures;
          }
          return new long[] {records, failed};
        });
      }
      long records = 0;
      long failed = 0;
      for (Future<long[]> future : pool.invokeAll(tasks)) {
        records += future.get()[0];
        failed += future.get()[1];
      }
      return KinesisLoad.Throughput.of(records, records * size, failed, clock);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Sends one PutRecords body; its FailedRecordCount. */
  private int put(CloseableHttpClient http, byte[] body) throws IOException {
    HttpPost post = new HttpPost(endpoint);
    String date = ZonedDateTime.now(ZoneOffset.UTC).format(AMZ_DATE);
    post.setHeader("X-Amz-Target", "Kinesis_20131202.PutRecords");
    post.setHeader("X-Amz-Date", date);
    post.setHeader("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDBENCH/" + date.substring(0, 8)
        + "/us-east-1/kinesis/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature="
        + "0".repeat(64));
    post.setEntity(new ByteArrayEntity(body, contentType));
    try (CloseableHttpResponse response = http.execute(post)) {
      byte[] answer = EntityUtils.toByteArray(response.getEntity());
      if (response.getStatusLine().getStatusCode() != 200) {
        throw new IllegalStateException("PutRecords answered " + response.getStatusLine().getStatusCode() + ": "
            + describe(answer));
      }
      return mapper.readTree(answer).path("FailedRecordCount").asInt();
    }
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
