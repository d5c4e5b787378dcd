package dev.argus.app.bench;

import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * {@code argus bench kinesis --endpoint NAME=URL ...}: the same load, with the same SDK v2 client
 * (sync, Apache, retries off), against each endpoint in turn, then one Markdown table of the
 * figures on stdout, a column per endpoint. Every endpoint is measured in awsJson1.1, the one
 * protocol all of them speak; an endpoint named by {@code --cbor} gets a second column in CBOR,
 * the protocol the SDK uses unless told otherwise. Streams are created and deleted by the run: the
 * 100-byte stream as soon as its phases end, so that a server keeping everything in memory
 * (kinesalite) does not carry it into the next ones; the 10-KiB stream, gigabytes, only after the
 * column's last phase, since a server may free a deleted stream's files in the background (argus
 * does, paced) and that must not overlap the put-to-get phase.
 *
 * <p>Phases per endpoint: PutRecords throughput with 100-byte and 10-KiB records from {@code
 * --threads} producers into a {@code --shards}-shard stream; sequential PutRecord latency;
 * put-to-get propagation through a polling consumer on a one-shard stream; GetRecords throughput
 * reading back the 100-byte stream from TRIM_HORIZON, one reader per shard. The PutRecords
 * phases run twice: with the SDK, and with {@link RawPutRecords}, a light client that shows the
 * servers' own limits when the SDK's marshalling saturates a small machine.
 */
@Command(name = "kinesis", mixinStandardHelpOptions = true,
    description = "Benchmarks Kinesis Data Streams endpoints (argus, kinesalite, ...) side by side.")
public final class KinesisBenchCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--endpoint", required = true, description = "NAME=URL, repeatable, e.g. argus=http://127.0.0.1:4566")
  List<String> endpoints;

  @Option(names = "--seconds", defaultValue = "10", description = "Length of each throughput phase (default ${DEFAULT-VALUE}).")
  int seconds;

  @Option(names = "--threads", defaultValue = "4", description = "Producer threads (default ${DEFAULT-VALUE}).")
  int threads;

  @Option(names = "--shards", defaultValue = "4", description = "Shards of the throughput stream (default ${DEFAULT-VALUE}).")
  int shards;

  @Option(names = "--latency-count", defaultValue = "2000", description = "PutRecord calls timed (default ${DEFAULT-VALUE}).")
  int latencyCount;

  @Option(names = "--propagation-count", defaultValue = "1000", description = "Records timed put-to-get (default ${DEFAULT-VALUE}).")
  int propagationCount;

  @Option(names = "--poll-pause-ms", defaultValue = "1",
      description = "The put-to-get phase runs twice: with a consumer polling back to back, and with one that waits "
          + "this long after a GetRecords that returned nothing (default ${DEFAULT-VALUE}).")
  int pollPauseMillis;

  @Option(names = "--warmup-seconds", defaultValue = "10",
      description = "Unmeasured PutRecords (SDK, then light client) before each endpoint's phases, so the JITs of the "
          + "bench and of a JVM server are warm for every endpoint alike; the first column otherwise runs on a cold "
          + "bench, and 2 s left its SDK figure 30% low (default ${DEFAULT-VALUE}).")
  int warmupSeconds;

  @Option(names = "--cbor", paramLabel = "NAME",
      description = "Also measure endpoint NAME in CBOR, the SDK's default protocol (kinesalite cannot speak it): "
          + "the SDK and the light client both switch, in a second column, NAME (CBOR). Repeatable.")
  List<String> cborEndpoints = new ArrayList<>();

  @Option(names = "--memory-streams", defaultValue = "0",
      description = "Also measure heap per idle stream and per shard with this many in-process streams (0: skip).")
  int memoryStreams;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Map<String, URI> named = endpoints();
    for (String name : cborEndpoints) {
      if (!named.containsKey(name)) {
        throw new IllegalArgumentException("--cbor " + name + " names no --endpoint");
      }
    }
    Map<String, Map<String, String>> results = new LinkedHashMap<>();
    for (Map.Entry<String, URI> endpoint : named.entrySet()) {
      String name = endpoint.getKey();
      results.put(name, run(name, endpoint.getValue(), false));
      if (cborEndpoints.contains(name)) {
        results.put(name + " (CBOR)", run(name + " (CBOR)", endpoint.getValue(), true));
      }
    }
    print(out, results);
    if (memoryStreams > 0) {
      out.println();
      EngineMemory.measure(memoryStreams).forEach((figure, value) -> out.println("- " + figure + ": " + value));
    }
    out.flush();
    return 0;
  }

  /** The --endpoint options, name to URL, in the order given. */
  private Map<String, URI> endpoints() {
    Map<String, URI> named = new LinkedHashMap<>();
    for (String endpoint : endpoints) {
      int eq = endpoint.indexOf('=');
      if (eq < 1) {
        throw new IllegalArgumentException("--endpoint must be NAME=URL, not " + endpoint);
      }
      named.put(endpoint.substring(0, eq), URI.create(endpoint.substring(eq + 1)));
    }
    return named;
  }

  /**
   * One column: every phase against {@code uri}, with both clients in CBOR or in JSON. The SDK
   * reads {@code aws.cborEnabled} for each request it marshals, and columns run one at a time.
   */
  private Map<String, String> run(String column, URI uri, boolean cbor) throws Exception {
    spec.commandLine().getErr().println("bench: " + column);
    spec.commandLine().getErr().flush();
    String before = System.getProperty("aws.cborEnabled");
    System.setProperty("aws.cborEnabled", Boolean.toString(cbor));
    ContentTypes sent = new ContentTypes();
    try (KinesisClient client = client(uri, sent)) {
      Map<String, String> figures = run(new KinesisLoad(client, 42), new RawPutRecords(uri, cbor));
      figures.put("Content-Type of the SDK's requests", sent.seen());
      return figures;
    } finally {
      if (before == null) {
        System.clearProperty("aws.cborEnabled");
      } else {
        System.setProperty("aws.cborEnabled", before);
      }
    }
  }

  private Map<String, String> run(KinesisLoad load, RawPutRecords raw) throws Exception {
    Map<String, String> figures = new LinkedHashMap<>();
    String suffix = Long.toString(System.currentTimeMillis());
    Duration length = Duration.ofSeconds(seconds);
    String small = "bench-small-" + suffix;
    load.createStream(small, shards);
    if (warmupSeconds > 0) {
      Duration warmup = Duration.ofSeconds(warmupSeconds);
      load.putRecords(small, threads, 500, 100, warmup);
      raw.run(small, threads, 500, 100, warmup, 6);
    }
    KinesisLoad.Throughput put100 = load.putRecords(small, threads, 500, 100, length);
    throughputRows(figures, "PutRecords 100 B", put100);
    KinesisLoad.Throughput rawPut100 = raw.run(small, threads, 500, 100, length, 7);
    throughputRows(figures, "PutRecords 100 B, light client", rawPut100);
    throughputRows(figures, "GetRecords (100 B records)", load.getRecords(small, length));
    load.deleteStream(small);

    String large = "bench-large-" + suffix;
    load.createStream(large, shards);
    KinesisLoad.Throughput put10k = load.putRecords(large, threads, 400, 10 * 1024, length);
    throughputRows(figures, "PutRecords 10 KiB", put10k);
    KinesisLoad.Throughput rawPut10k = raw.run(large, threads, 400, 10 * 1024, length, 8);
    throughputRows(figures, "PutRecords 10 KiB, light client", rawPut10k);
    Latencies put = load.putRecordLatency(large, latencyCount, 100);
    figures.put("PutRecord p50 / p99, ms", String.format("%.2f / %.2f", put.percentileMillis(50), put.percentileMillis(99)));

    String one = "bench-propagation-" + suffix;
    load.createStream(one, 1);
    Latencies spinning = load.propagation(one, propagationCount, Duration.ofMillis(5), Duration.ZERO);
    figures.put("put-to-get p50 / p99, ms, consumer polling without pause", String.format("%.2f / %.2f (%d seen)",
        spinning.percentileMillis(50), spinning.percentileMillis(99), spinning.count()));
    Duration pause = Duration.ofMillis(pollPauseMillis);
    Latencies pausing = load.propagation(one, propagationCount, Duration.ofMillis(5), pause);
    figures.put("put-to-get p50 / p99, ms, consumer pausing " + pause.toMillis() + " ms after an empty poll",
        String.format("%.2f / %.2f (%d seen)",
            pausing.percentileMillis(50), pausing.percentileMillis(99), pausing.count()));
    load.deleteStream(one);
    load.deleteStream(large);
    figures.put("failed records (throughput phases)", Long.toString(put100.failed() + put10k.failed()
        + rawPut100.failed() + rawPut10k.failed()));
    return figures;
  }

  /**
   * A throughput phase's rows: records/s, MiB/s, and the cores this bench JVM used meanwhile. The
   * bench shares the machine with a local server, so a client near its share of the cores, not
   * the server, may be what bounds the figure.
   */
  private static void throughputRows(Map<String, String> figures, String phase, KinesisLoad.Throughput throughput) {
    figures.put(phase + ", records/s", String.format("%,.0f", throughput.recordsPerSecond()));
    figures.put(phase + ", MiB/s", String.format("%.1f", throughput.mibPerSecond()));
    figures.put(phase + ", bench JVM CPU, cores", String.format("%.2f", throughput.benchCores()));
  }

  private static void print(PrintWriter out, Map<String, Map<String, String>> results) {
    List<String> names = new ArrayList<>(results.keySet());
    out.println("| figure | " + String.join(" | ", names) + " |");
    out.println("|---|" + "---|".repeat(names.size()));
    for (String figure : results.get(names.get(0)).keySet()) {
      StringBuilder row = new StringBuilder("| " + figure + " |");
      for (String name : names) {
        row.append(' ').append(results.get(name).get(figure)).append(" |");
      }
      out.println(row);
    }
  }

  private static KinesisClient client(URI endpoint, ContentTypes sent) {
    return KinesisClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDBENCH", "bench-secret")))
        .httpClientBuilder(ApacheHttpClient.builder().maxConnections(32).expectContinueEnabled(false))
        .overrideConfiguration(ClientOverrideConfiguration.builder().retryStrategy(RetryMode.STANDARD)
            .retryStrategy(b -> b.maxAttempts(1)).apiCallTimeout(Duration.ofSeconds(60))
            .addExecutionInterceptor(sent).build())
        .build();
  }
}
