package dev.argus.datastream.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.argus.datastream.engine.EngineConfig.FsyncMode;
import dev.argus.log.DirectIo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineConfigTest {

  @Test
  void defaultsToContinuousGroupCommit() {
    assertThat(EngineConfig.defaults().fsyncMode()).isEqualTo(FsyncMode.CONTINUOUS);
  }

  @Test
  void anIntervalPicksTheIntervalModeAndZeroEveryWrite() {
    assertThat(EngineConfig.defaults().withFsyncInterval(Duration.ofMillis(3)).fsyncMode()).isEqualTo(FsyncMode.INTERVAL);
    assertThat(EngineConfig.defaults().withFsyncInterval(Duration.ZERO).fsyncMode()).isEqualTo(FsyncMode.EVERY_WRITE);
    assertThat(new EngineConfig("r", "a", true, Duration.ZERO, Duration.ZERO, 1, Duration.ofSeconds(1),
        Clock.systemUTC()).fsyncMode()).isEqualTo(FsyncMode.EVERY_WRITE);
    assertThat(EngineConfig.defaults().withFsyncInterval(Duration.ofMillis(3)).withFsyncMode(FsyncMode.CONTINUOUS)
        .fsyncMode()).isEqualTo(FsyncMode.CONTINUOUS);
  }

  @Test
  void everyModeAcknowledgesOnlyDurablePuts(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    for (FsyncMode mode : FsyncMode.values()) {
      try (DataStreamEngine engine = DataStreamEngine.open(dir.resolve(mode.name()),
          EngineConfig.defaults().withShardLimits(false).withFsyncMode(mode))) {
        engine.createStream("s", 2, null, null);
        var outcomes = engine.putRecords("s", java.util.List.of(PutEntry.of("a", new byte[] {1}),
            PutEntry.of("b", new byte[] {2}), PutEntry.of("a", new byte[] {3}))).get();
        assertThat(outcomes).allMatch(o -> o instanceof PutOutcome.Stored);
      }
      try (DataStreamEngine engine = DataStreamEngine.open(dir.resolve(mode.name()), EngineConfig.defaults())) {
        long records = 0;
        for (ShardInfo shard : engine.describeStream("s").shards()) {
          String it = engine.getShardIterator("s", shard.id(), IteratorType.TRIM_HORIZON, null, null);
          records += engine.getRecords(it, 100).records().size();
        }
        assertThat(records).as(mode.name()).isEqualTo(3);
      }
    }
  }

  @Test
  void directAppendsStartAt128KiBAndTheOtherWithersKeepTheThreshold() {
    assertThat(EngineConfig.defaults().directAppendBytes()).isEqualTo(128 << 10);
    EngineConfig off = EngineConfig.defaults().withDirectAppendBytes(EngineConfig.DIRECT_APPENDS_OFF);
    assertThat(off.withShardLimits(false).withClock(Clock.systemUTC()).withFsyncInterval(Duration.ofMillis(3))
        .withFsyncMode(FsyncMode.EVERY_WRITE).withDeleteDelay(Duration.ZERO).withMaxOpenShards(3).directAppendBytes())
        .isEqualTo(EngineConfig.DIRECT_APPENDS_OFF);
    assertThatThrownBy(() -> EngineConfig.defaults().withDirectAppendBytes(-1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("directAppendBytes");
  }

  /**
   * A direct append leaves the active segment's file padded with zeros to a whole 4 KiB block while
   * the log is open; an append through the page cache leaves it exactly as long as its entries.
   */
  @Test
  void aLargeBatchSkipsThePageCacheUnlessDirectAppendsAreOff(@TempDir Path dir) throws Exception {
    assumeTrue(DirectIo.supportedIn(dir), "the temp file system refuses O_DIRECT");
    for (int threshold : new int[] {EngineConfig.DEFAULT_DIRECT_APPEND_BYTES, EngineConfig.DIRECT_APPENDS_OFF}) {
      Path data = dir.resolve("t" + threshold);
      List<PutEntry> batch = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        batch.add(PutEntry.of("k", new byte[10_001])); // 400 KB in all: over the default threshold
      }
      try (DataStreamEngine engine = DataStreamEngine.open(data,
          EngineConfig.defaults().withShardLimits(false).withDirectAppendBytes(threshold))) {
        engine.createStream("s", 1, null, null);
        assertThat(engine.putRecords("s", batch).get()).allMatch(o -> o instanceof PutOutcome.Stored);
        long length;
        try (var files = Files.walk(data.resolve("logs"))) {
          length = Files.size(files.filter(f -> f.toString().endsWith(".log")).findFirst().orElseThrow());
        }
        if (threshold == EngineConfig.DIRECT_APPENDS_OFF) {
          assertThat(length % 4096).as("buffered: the file ends at its last entry").isNotZero();
        } else {
          assertThat(length % 4096).as("direct: the file ends on a block boundary").isZero();
        }
        String it = engine.getShardIterator("s", engine.describeStream("s").shards().get(0).id(),
            IteratorType.TRIM_HORIZON, null, null);
        assertThat(engine.getRecords(it, 100).records()).hasSize(40);
      }
    }
  }

  @Test
  void refusesAMissingMode() {
    assertThatThrownBy(() -> EngineConfig.defaults().withFsyncMode(null)).isInstanceOf(NullPointerException.class);
  }
}
