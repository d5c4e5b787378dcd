package dev.argus.app.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code argus bench video}: for each stream count N, starts a fresh {@code argus server} child
 * process, runs N real-time producers (PutMedia, the clip padded to the target bit rate, with
 * rewritten timestamps) and a few GetMedia readers from NOW, and prints one line per N: PERSISTED
 * latency p50/p99 (last byte of a fragment sent to its PERSISTED ack), ERROR acks, GetMedia
 * live-edge latency p50/p99 (each frame, from sent by the producer to parsed by a reader),
 * and the server's CPU (cores) and resident memory, in total and per stream, and last the live-edge
 * p99 of the frames sent once the run settled (every producer connected; the run's start-up is
 * the rest of the tail). The clients run in this JVM, on the same machine.
 */
@Command(name = "video", mixinStandardHelpOptions = true,
    description = "Measures PutMedia and GetMedia under N concurrent real-time producers.")
public final class VideoBenchCommand implements Callable<Integer> {

  @Option(names = "--streams", split = ",", defaultValue = "10,50,100,200",
      description = "Stream counts to run, one server each (default ${DEFAULT-VALUE}).")
  List<Integer> streams;

  @Option(names = "--seconds", defaultValue = "30", description = "Seconds of streaming per run (default ${DEFAULT-VALUE}).")
  int seconds;

  @Option(names = "--readers", defaultValue = "10", description = "GetMedia readers per run (default ${DEFAULT-VALUE}).")
  int readers;

  @Option(names = "--kbps", defaultValue = "2000", description = "Bit rate per producer (default ${DEFAULT-VALUE}).")
  long kbps;

  @Option(names = "--clip", defaultValue = "testdata/kvs/clusters.mkv", description = "Single-track MKV clip to replay.")
  Path clipFile;

  @Option(names = "--server-jar", description = "argus jar to run the server from (default: this one), "
      + "to compare two servers under the same clients.")
  Path serverJar;

  @Option(names = "--settle-seconds", defaultValue = "5", description = "The last column, live_p99_settled_ms, "
      + "counts only frames sent this many seconds after the clients start, when every producer is "
      + "connected (default ${DEFAULT-VALUE}); live_p99_ms counts every frame.")
  int settleSeconds;

  @Override
  public Integer call() throws Exception {
    Clip clip = Clip.load(clipFile, kbps * 1000);
    System.out.printf("clip %s, %d fragments, %d ms, padded to about %d kbit/s; %d s per run, %d readers, %d cores%n",
        clipFile, clip.fragments.size(), clip.durationMillis, kbps, seconds, readers,
        Runtime.getRuntime().availableProcessors());
    System.out.println("streams  persisted_p50_ms  persisted_p99_ms  fragments  errors  live_p50_ms  live_p99_ms"
        + "  server_cpu_cores  cpu_per_stream  server_rss_mib  rss_per_stream_mib  live_p99_settled_ms");
    for (int n : streams) {
      run(n, clip);
    }
    return 0;
  }

  /** What one run measures. */
  private record Run(Latencies persisted, Latencies live, Latencies liveSettled, AtomicLong errors,
      Map<String, Long> sentAt) {
    Run() {
      this(new Latencies(), new Latencies(), new Latencies(), new AtomicLong(), new ConcurrentHashMap<>());
    }
  }

  private void run(int n, Clip clip) throws Exception {
    Path data = Files.createTempDirectory("argus-bench-");
    Process server = startServer(data);
    try {
      URI endpoint = awaitEndpoint(server);
      createStreams(endpoint, n);
      Run run = new Run();
      ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "bench");
        t.setDaemon(true);
        return t;
      });
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
      List<Future<?>> tasks = startClients(endpoint, n, clip, run, threads, end);
      long cpuStart = cpuNanos(server);
      long wallStart = System.nanoTime();
      long rss = 0;
      while (System.nanoTime() < end) {
        Thread.sleep(1000);
        rss = Math.max(rss, rssBytes(server));
      }
      double cores = (cpuNanos(server) - cpuStart) / (double) (System.nanoTime() - wallStart);
      awaitAll(tasks);
      threads.shutdownNow();
      double mib = rss / (1024.0 * 1024.0);
      System.out.printf("%7d  %16.1f  %16.1f  %9d  %6d  %11.1f  %11.1f  %16.2f  %14.4f  %14.0f  %18.2f  %19.1f%n", n,
          run.persisted().percentileMillis(50), run.persisted().percentileMillis(99), run.persisted().count(),
          run.errors().get(), run.live().percentileMillis(50), run.live().percentileMillis(99), cores, cores / n,
          mib, mib / n, run.liveSettled().percentileMillis(99));
      System.out.flush();
    } finally {
      stopServer(server);
      try (Stream<Path> paths = Files.walk(data)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static void createStreams(URI endpoint, int n) throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    for (int i = 0; i < n; i++) {
      HttpResponse<String> created = http.send(HttpRequest.newBuilder(endpoint.resolve("/createStream"))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"StreamName\":\"bench-" + i + "\",\"DataRetentionInHours\":1}"))
          .build(), HttpResponse.BodyHandlers.ofString());
      if (created.statusCode() != 200) {
        throw new IOException("CreateStream failed: " + created.body());
      }
    }
  }

  /** Readers first (from NOW), then producers with staggered starts, as cameras come online. */
  private List<Future<?>> startClients(URI endpoint, int n, Clip clip, Run run, ExecutorService threads, long end)
      throws InterruptedException {
    List<Future<?>> tasks = new ArrayList<>();
    long settledFrom = System.nanoTime() + TimeUnit.SECONDS.toNanos(settleSeconds);
    for (int i = 0; i < Math.min(readers, n); i++) {
      BenchReader reader = new BenchReader(endpoint, "bench-" + i, run.live(), run.liveSettled(), settledFrom,
          run.sentAt());
      tasks.add(threads.submit(() -> {
        reader.run(end + TimeUnit.SECONDS.toNanos(3));
        return null;
      }));
    }
    Thread.sleep(500);
    java.util.Random random = new java.util.Random(n);
    for (int i = 0; i < n; i++) {
      // only streams with a reader note their frames' send times (readers remove what they time)
      BenchProducer producer = new BenchProducer(endpoint, "bench-" + i, clip, run.persisted(), run.errors(),
          i < readers ? run.sentAt() : null);
      long delay = random.nextInt(2000);
      tasks.add(threads.submit(() -> {
        Thread.sleep(delay);
        producer.run(end);
        return null;
      }));
    }
    return tasks;
  }

  private static void awaitAll(List<Future<?>> tasks) {
    for (Future<?> task : tasks) {
      try {
        task.get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        System.err.println("bench task failed: " + e);
      }
    }
  }

  private static void stopServer(Process server) throws InterruptedException {
    server.destroy();
    server.waitFor(30, TimeUnit.SECONDS);
    if (server.isAlive()) {
      server.destroyForcibly().waitFor();
    }
  }

  private Process startServer(Path data) throws IOException, URISyntaxException {
    Path jar = serverJar != null ? serverJar : Path.of(VideoBenchCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx2g",
        "-jar", jar.toString(), "server", "--port", "0", "--data-dir", data.toString());
    return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
  }

  private static URI awaitEndpoint(Process server) throws IOException {
    BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = out.readLine()) != null) {
      if (line.startsWith("argus listening on ")) {
        return URI.create(line.substring("argus listening on ".length()).trim());
      }
    }
    throw new IOException("the server exited before listening");
  }

  private static long cpuNanos(Process process) {
    return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO).toNanos();
  }

  /** VmRSS from /proc (Linux), or 0. */
  private static long rssBytes(Process process) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
    return 0;
  }
}
