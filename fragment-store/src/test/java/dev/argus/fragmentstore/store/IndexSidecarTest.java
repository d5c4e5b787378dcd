package dev.argus.fragmentstore.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.argus.fragmentstore.fragment.FragmentMeta;
import dev.argus.fragmentstore.fragment.FragmentNumber;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexSidecarTest {
  private static final long EPOCH = 1_600_000_000_000L;
  @TempDir Path dir;

  private static FragmentMeta meta(long offset, Random random) {
    return new FragmentMeta(new FragmentNumber(1_700_000_000_000L + offset * 1000, EPOCH, offset),
        random.nextInt(1_000_000_000), random.nextInt(10_000), random.nextInt(50_000_000), random.nextInt(600),
        random.nextInt(5));
  }

  @Test
  void recordsRoundTripAndABadCrcIsRejected() {
    Random random = new Random(1);
    for (int i = 0; i < 200; i++) {
      FragmentMeta meta = meta(random.nextInt(1 << 30), random);
      ByteBuffer record = IndexSidecar.encode(meta);
      assertThat(record.remaining()).isEqualTo(IndexSidecar.RECORD_BYTES);
      assertThat(IndexSidecar.decode(record, 0, EPOCH)).isEqualTo(meta);
      record.put(random.nextInt(IndexSidecar.RECORD_BYTES), (byte) random.nextInt(256));
      FragmentMeta decoded = IndexSidecar.decode(record, 0, EPOCH);
      assertThat(decoded == null || decoded.equals(meta)).isTrue();
    }
  }

  @Test
  void loadKeepsTheLongestValidPrefixAndTruncatesTheRest() throws Exception {
    Path path = dir.resolve("index");
    Random random = new Random(2);
    List<FragmentMeta> written = new ArrayList<>();
    try (IndexSidecar sidecar = IndexSidecar.load(path, EPOCH).sidecar()) {
      for (long offset = 5; offset < 25; offset++) {
        FragmentMeta meta = meta(offset, random);
        sidecar.append(meta);
        written.add(meta);
      }
      sidecar.append(meta(40, random)); // not the next offset: the prefix ends before it
      sidecar.append(meta(41, random));
    }
    IndexSidecar.Loaded loaded = IndexSidecar.load(path, EPOCH);
    loaded.sidecar().close();
    assertThat(loaded.metas()).containsExactlyElementsOf(written);
    assertThat(Files.size(path)).isEqualTo(IndexSidecar.FILE_HEADER_BYTES + 20L * IndexSidecar.RECORD_BYTES);

    byte[] bytes = Files.readAllBytes(path);
    bytes[IndexSidecar.FILE_HEADER_BYTES + 7 * IndexSidecar.RECORD_BYTES + 3] ^= 0x10;
    Files.write(path, bytes);
    IndexSidecar.Loaded damaged = IndexSidecar.load(path, EPOCH);
    assertThat(damaged.metas()).containsExactlyElementsOf(written.subList(0, 7));
    damaged.sidecar().rewrite(written.subList(0, 3));
    damaged.sidecar().close();
    IndexSidecar.Loaded rewritten = IndexSidecar.load(path, EPOCH);
    rewritten.sidecar().close();
    assertThat(rewritten.metas()).containsExactlyElementsOf(written.subList(0, 3));

    Files.write(path, new byte[] {9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9});
    IndexSidecar.Loaded foreign = IndexSidecar.load(path, EPOCH);
    foreign.sidecar().close();
    assertThat(foreign.metas()).isEmpty();
    assertThat(Files.size(path)).isEqualTo(IndexSidecar.FILE_HEADER_BYTES);
  }
}
