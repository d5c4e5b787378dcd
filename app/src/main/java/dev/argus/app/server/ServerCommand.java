package dev.argus.app.server;

import dev.argus.datastream.engine.EngineConfig;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sun.misc.Signal;

/**
 * {@code argus server}: every API on one port until SIGTERM or SIGINT, then a clean shutdown
 * (stop accepting, finish in-flight requests, flush and close storage) and exit status 0.
 */
@Command(name = "server", mixinStandardHelpOptions = true,
    description = "Runs every Argus API on one port, with data kept in a local directory.")
public final class ServerCommand implements Callable<Integer> {

  /** A byte count, at most ten digits (no overflow when shifted), and an optional k or m. */
  private static final Pattern SIZE = Pattern.compile("(\\d{1,10})([km]?)");

  @Option(names = "--host", defaultValue = "${env:ARGUS_HOST:-127.0.0.1}",
      description = "Address to listen on (env ARGUS_HOST; default ${DEFAULT-VALUE}). "
          + "Only loopback addresses are allowed until request signing is checked.")
  String host;

  @Option(names = "--port", defaultValue = "${env:ARGUS_PORT:-4566}",
      description = "Port to listen on, 0 for any free one (env ARGUS_PORT; default ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--data-dir", defaultValue = "${env:ARGUS_DATA_DIR:-./argus-data}",
      description = "Where streams, fragments and collections are kept (env ARGUS_DATA_DIR; default ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(names = "--shard-limits", defaultValue = "${env:ARGUS_SHARD_LIMITS:-on}",
      description = "Enforce Kinesis' per-shard throughput limits on data streams: on or off "
          + "(env ARGUS_SHARD_LIMITS; default ${DEFAULT-VALUE}).")
  String shardLimits;

  @Option(names = "--analysis-threads", defaultValue = "${env:ARGUS_ANALYSIS_THREADS:-0}",
      description = "Threads that analyse stream processors' frames, shared by all of them; a processor that "
          + "cannot keep up drops frames (env ARGUS_ANALYSIS_THREADS; default 0: one per core).")
  int analysisThreads;

  @Option(names = "--direct-appends", defaultValue = "${env:ARGUS_DIRECT_APPENDS:-128k}",
      description = "Data-stream appends (PutRecords batches) of at least this size skip the page cache "
          + "(O_DIRECT), which costs less CPU per byte; a size in bytes, with k or m for KiB or MiB, or off "
          + "to keep every append in the page cache (env ARGUS_DIRECT_APPENDS; default ${DEFAULT-VALUE}). "
          + "File systems that refuse O_DIRECT always get the page cache.")
  String directAppends;

  /** Reads {@code on} / {@code off}. */
  static boolean onOff(String option, String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "on" -> true;
      case "off" -> false;
      default -> throw new IllegalArgumentException(option + " must be on or off, not " + value);
    };
  }

  /**
   * Reads {@code --direct-appends}: {@code off}, or a byte count with an optional {@code k} (KiB) or
   * {@code m} (MiB) suffix, into a direct-append threshold.
   */
  static int directAppendBytes(String value) {
    String text = value.trim().toLowerCase(Locale.ROOT);
    if (text.equals("off")) {
      return EngineConfig.DIRECT_APPENDS_OFF;
    }
    Matcher size = SIZE.matcher(text);
    if (size.matches()) {
      int shift = switch (size.group(2)) {
        case "k" -> 10;
        case "m" -> 20;
        default -> 0;
      };
      long bytes = Long.parseLong(size.group(1)) << shift;
      if (bytes < EngineConfig.DIRECT_APPENDS_OFF) {
        return (int) bytes;
      }
    }
    throw new IllegalArgumentException("--direct-appends must be off or a size under 2 GiB such as 131072, 128k or 1m, "
        + "not " + value);
  }

  @Override
  public Integer call() throws Exception {
    int threads = analysisThreads == 0 ? dev.argus.faces.stream.AnalysisPool.DEFAULT_THREADS : analysisThreads;
    ArgusServer server = ArgusServer.start(new ArgusConfig(host, port, dataDir, onOff("--shard-limits", shardLimits),
        threads, directAppendBytes(directAppends)));
    CountDownLatch stopRequested = new CountDownLatch(1);
    // TERM and INT end the wait below, so main returns 0 after an orderly close. The hook
    // covers every other way the JVM may go down (close is idempotent).
    Signal.handle(new Signal("TERM"), signal -> stopRequested.countDown());
    Signal.handle(new Signal("INT"), signal -> stopRequested.countDown());
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "argus-shutdown"));
    System.out.println("argus listening on " + server.baseUrl());
    System.out.flush();
    stopRequested.await();
    server.close();
    return 0;
  }
}
