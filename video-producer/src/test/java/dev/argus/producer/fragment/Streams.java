package dev.argus.producer.fragment;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Seeded random packet sequences shaped like real encoder output. */
final class Streams {

  private Streams() {}

  /**
   * GOPs of random length with optional B-frames (closed or open GOP), random frame sizes with the
   * odd huge frame, a second track of audio-like key frames, and now and then a clock reset.
   */
  static List<Packet> random(Random random, long epochMicros) {
    long frameUs = 1_000_000L / (10 + random.nextInt(51));
    int bFrames = random.nextBoolean() ? 0 : 1 + random.nextInt(3);
    boolean openGop = random.nextBoolean();
    List<Packet> out = new ArrayList<>();
    long base = epochMicros + random.nextInt(1_000_000);
    int gops = 3 + random.nextInt(12);
    for (int g = 0; g < gops; g++) {
      if (random.nextInt(15) == 0) {
        base = epochMicros + random.nextInt(2_000_000); // the source's clock restarted
      }
      int gopFrames = 2 + random.nextInt(random.nextInt(8) == 0 ? 400 : 90);
      base = gop(random, out, base, frameUs, gopFrames, bFrames, openGop && g > 0);
    }
    return out;
  }

  /** Appends one GOP in decoding order; returns the presentation time after it. */
  private static long gop(Random random, List<Packet> out, long base, long frameUs, int n, int b, boolean open) {
    int leading = open ? Math.min(b, n - 1) : 0;
    // presentation indexes [0, leading) are leading B-frames decoded after the key frame
    long keyPts = base + leading * frameUs;
    long dts = base - 2 * frameUs;
    out.add(frame(random, keyPts, dts, true));
    for (int i = 0; i < leading; i++) {
      dts += frameUs;
      out.add(frame(random, base + i * frameUs, dts, false));
    }
    int next = leading + 1;
    while (next < n) {
      int anchor = Math.min(n - 1, next + b);
      dts += frameUs;
      out.add(frame(random, base + anchor * frameUs, dts, false));
      for (int i = next; i < anchor; i++) {
        dts += frameUs;
        out.add(frame(random, base + i * frameUs, dts, false));
      }
      if (random.nextInt(4) == 0) {
        out.add(new Packet(2, base + next * frameUs, base + next * frameUs, true, new byte[random.nextInt(300)]));
      }
      next = anchor + 1;
    }
    return base + n * frameUs;
  }

  private static Packet frame(Random random, long pts, long dts, boolean key) {
    int size = random.nextInt(50) == 0 ? 50_000 + random.nextInt(200_000) : 1 + random.nextInt(key ? 20_000 : 3_000);
    byte[] data = new byte[size];
    random.nextBytes(data);
    return new Packet(1, pts, Math.max(0, dts), key, data);
  }
}
