package dev.argus.log;

import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Random;

/**
 * The writer that {@link LogCrashTest} kills: opens (recovering) the log in {@code args[0]}, prints
 * {@code open <nextOffset>}, then appends deterministic entries forever with {@link
 * FsyncPolicy#everyWrite()}, printing each offset only after its durable future completed.
 */
final class CrashChild {
  private CrashChild() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    long seed = Long.parseLong(args[1]);
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
