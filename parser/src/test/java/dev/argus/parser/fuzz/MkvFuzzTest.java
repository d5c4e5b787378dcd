package dev.argus.parser.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.argus.parser.merge.SegmentMerger;
import dev.argus.parser.mkv.Frame;
import dev.argus.parser.mkv.MkvException;
import dev.argus.parser.mkv.MkvParser;
import dev.argus.parser.mkv.ParserLimits;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * Fuzzes the parser and the segment merger: whatever the bytes, they either parse or fail with a
 * {@link MkvException}; nothing else escapes, nothing hangs, and memory stays within small limits.
 *
 * <p>In an ordinary test run Jazzer replays the seed corpus under
 * {@code src/test/resources/dev/argus/parser/fuzz/MkvFuzzTestInputs/}. {@code mvn -Pfuzz} (with
 * JAZZER_FUZZ=1) fuzzes for real, for the duration set below.
 */
class MkvFuzzTest {

  /** Small limits: an input can make the parser hold at most a few hundred KiB. */
  private static final ParserLimits LIMITS = new ParserLimits(64 * 1024, 256 * 1024, 8, 64);

  @FuzzTest(maxDuration = "10m")
  void parse(byte[] data) {
    // The first byte picks a chunk size; the rest is the stream.
    int chunk = data.length == 0 ? 1 : 1 + (data[0] & 0x3F);
    long[] frames = {0};
    MkvParser parser = new MkvParser(event -> {
      if (event instanceof Frame frame) {
        frames[0] += frame.data().remaining() >= 0 ? 1 : 0;
      }
    }, LIMITS);
    try {
      for (int p = Math.min(1, data.length); p < data.length; p += chunk) {
        parser.feed(ByteBuffer.wrap(data, p, Math.min(chunk, data.length - p)));
      }
      parser.finish();
    } catch (MkvException expected) {
      // Typed rejection is the contract.
    }
  }

  @FuzzTest(maxDuration = "10m")
  void merge(byte[] data) {
    SegmentMerger merger = new SegmentMerger(OutputStream.nullOutputStream(), LIMITS, 1 << 20, true);
    try {
      merger.feed(ByteBuffer.wrap(data));
      merger.finish();
    } catch (MkvException expected) {
      // Typed rejection is the contract.
    }
  }
}
