package dev.argus.datastream.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.argus.datastream.engine.EngineConfig.FsyncMode;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

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
  void refusesAMissingMode() {
    assertThatThrownBy(() -> EngineConfig.defaults().withFsyncMode(null)).isInstanceOf(NullPointerException.class);
  }
}
