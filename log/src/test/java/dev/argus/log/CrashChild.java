package dev.argus.log;

import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Random;

/**
 * The writer that {@link LogCrashTest} kills: opens (recovering) the log in {@code args[0]}, prints
 * {@code open <nextOffset>}, then appends deterministic entries forever, printing an offset only
 * after its durable future completed (so every offset at or below a printed one is acknowledged).
 * Mode {@code args[2]}: {@code every-write} appends one entry at a time with {@link
 * FsyncPolicy#everyWrite()}; {@code continuous} appends batches of 1 to 40 with {@link
 * Log#appendAll} under a two-thread continuous {@link LogFlusher}, up to eight batches in flight,
 * acknowledging from the flusher threads; {@code continuous-direct} does the same with batches of
 * 2 KiB or more appended with direct I/O, as the data-stream engine appends large ones.
 */
final class CrashChild {
  private CrashChild() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    long seed = Long.parseLong(args[1]);
    if (args.length > 2 && args[2].startsWith("continuous")) {
      continuous(dir, seed, args[2].endsWith("-direct"));
      return;
    }
    PrintStream out = System.out;
    try (Log log = Log.open(dir, config())) {
      out.println("open " + log.nextOffset());
      out.flush();
      while (true) {
        long expected = log.nextOffset();
        long offset = log.append(timestamp(expected), ByteBuffer.wrap(content(seed, expected)));
        log.durable(offset).join();
        out.println(offset);
        out.flush();
      }
    }
  }

  private static void continuous(Path dir, long seed, boolean direct) throws Exception {
    PrintStream out = System.out;
    Random sizes = new Random(seed ^ System.nanoTime());
    try (LogFlusher flusher = LogFlusher.continuous("crash-child-fsync", 2);
        Log log = Log.open(dir, config().withFsync(FsyncPolicy.interval(flusher))
            .withDirectAppendBytes(direct ? 2048 : LogConfig.DIRECT_APPENDS_OFF))) {
      out.println("open " + log.nextOffset());
      out.flush();
      java.util.ArrayDeque<java.util.concurrent.CompletableFuture<Void>> inFlight = new java.util.ArrayDeque<>();
      while (true) {
        long first = log.nextOffset();
        java.util.List<ByteBuffer> batch = new java.util.ArrayList<>();
        for (int n = 1 + sizes.nextInt(40); n > 0; n--) {
          batch.add(ByteBuffer.wrap(content(seed, first + batch.size())));
        }
        long last = log.appendAll(timestamp(first), batch) + batch.size() - 1;
        inFlight.add(log.durable(last).thenRun(() -> {
          synchronized (out) {
            out.println(last);
            out.flush();
          }
        }));
        if (inFlight.size() > 8) {
          inFlight.remove().join();
        }
      }
    }
  }

  /** Small segments so that kills land in rolls, too. */
  static LogConfig config() {
    return LogConfig.defaults(FsyncPolicy.everyWrite(), Clock.systemUTC())
        .withMaxSegmentBytes(64 * 1024).withIndexIntervalBytes(1024);
  }

  /** The payload every run writes at {@code offset}: mostly small, one in eight 1 to 13 KiB. */
  static byte[] content(long seed, long offset) {
    Random random = new Random(seed * 1_000_003L + offset);
    int size = random.nextInt(8) == 0 ? 1024 + random.nextInt(12 * 1024) : random.nextInt(300);
    byte[] payload = new byte[size];
    random.nextBytes(payload);
    return payload;
  }

  static long timestamp(long offset) {
    return 1_000_000L + offset * 3;
  }
}
