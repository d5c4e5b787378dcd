package dev.argus.parser.mkv;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Test support: records events (frames copied, so they outlive their callback) and feeds inputs in chunks. */
public final class Recorder implements MkvListener {

  public final List<MkvEvent> events = new ArrayList<>();

  @Override
  public void onEvent(MkvEvent event) {
    events.add(event instanceof Frame f ? f.copy() : event);
  }

  /** A capture from testdata/kvs. */
  public static byte[] capture(String name) {
    try {
      return Files.readAllBytes(Path.of(System.getProperty("argus.testdata"), "kvs", name));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Every .mkv capture in testdata/kvs. */
  public static List<String> captures() {
    try (var files = Files.list(Path.of(System.getProperty("argus.testdata"), "kvs"))) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".mkv")).sorted().toList();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Parses {@code bytes} whole (one feed), with CRCs verified or not. */
  public static List<MkvEvent> whole(byte[] bytes, boolean verifyCrc) {
    Recorder recorder = new Recorder();
    MkvParser parser = new MkvParser(recorder, ParserLimits.DEFAULT, verifyCrc);
    parser.feed(ByteBuffer.wrap(bytes));
    parser.finish();
    return recorder.events;
  }

  /** Parses {@code bytes} fed in chunks of {@code chunk} bytes (0: random sizes 1..4096 from {@code seed}). */
  public static List<MkvEvent> chunked(byte[] bytes, int chunk, long seed, boolean verifyCrc) {
    Recorder recorder = new Recorder();
    MkvParser parser = new MkvParser(recorder, ParserLimits.DEFAULT, verifyCrc);
    Random random = new Random(seed);
    int p = 0;
    while (p < bytes.length) {
      int n = Math.min(bytes.length - p, chunk > 0 ? chunk : 1 + random.nextInt(4096));
      // With random sizes, a direct buffer half the time: the parser must not depend on array access.
      ByteBuffer buffer = chunk > 0 || random.nextBoolean() ? ByteBuffer.wrap(bytes, p, n).slice()
          : ByteBuffer.allocateDirect(n).put(bytes, p, n).flip();
      parser.feed(buffer);
      p += n;
    }
    parser.finish();
    return recorder.events;
  }
}
