package dev.argus.datastream.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.argus.datastream.lease.MutableClock;
import dev.argus.datastream.shard.HashKeyRange;
import dev.argus.datastream.shard.HashKeys;
import dev.argus.datastream.shard.SequenceNumber;
import dev.argus.datastream.shard.ShardId;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded random puts, reads, reshards and restarts against a plain in-memory model: a list of
 * shards, each a hash range, an open flag and its records in order. Every record must be in the
 * shard the model routes it to, with the sequence number of its position there.
 */
class DataStreamEngineModelTest {

  @TempDir
  Path dir;

  /** The model of one shard. */
  private static final class ModelShard {
    final HashKeyRange range;
    boolean open = true;
    final List<String> records = new ArrayList<>();

    ModelShard(HashKeyRange range) {
      this.range = range;
    }
  }

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T00:00:00Z"));
  private DataStreamEngine engine;
  private final List<ModelShard> model = new ArrayList<>();

  private DataStreamEngine open() throws IOException {
    return DataStreamEngine.open(dir, EngineConfig.defaults().withClock(clock).withShardLimits(false)
        .withFsyncInterval(Duration.ofMillis(1)));
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6})
  void engineMatchesTheModel(long seed) throws IOException {
    Random random = new Random(seed);
    engine = open();
    try {
      int initial = 1 + random.nextInt(4);
      engine.createStream("s", initial, null, null);
      HashKeys.split(HashKeyRange.ALL, initial).forEach(r -> model.add(new ModelShard(r)));
      for (int step = 0; step < 120; step++) {
        int op = random.nextInt(20);
        if (op < 12) {
          put(random, step);
        } else if (op < 15) {
          checkShard(new ShardId(random.nextInt(model.size())));
        } else if (op < 17) {
          split(random);
        } else if (op < 19) {
          merge(random);
        } else {
          engine.close();
          engine = open();
        }
        clock.advance(Duration.ofMillis(random.nextInt(50)));
      }
      for (int i = 0; i < model.size(); i++) {
        checkShard(new ShardId(i));
      }
      StreamInfo info = engine.describeStream("s");
      assertThat(info.shards()).hasSize(model.size());
      for (int i = 0; i < model.size(); i++) {
        assertThat(info.shards().get(i).hashKeyRange()).isEqualTo(model.get(i).range);
        assertThat(info.shards().get(i).isOpen()).isEqualTo(model.get(i).open);
      }
    } finally {
      engine.close();
    }
  }

  private void put(Random random, int step) {
    int count = 1 + random.nextInt(30);
    List<PutEntry> entries = new ArrayList<>();
    List<BigInteger> keys = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String key = "pk-" + random.nextInt(50);
      String explicit = random.nextInt(5) == 0 ? new BigInteger(128, random).toString() : null;
      entries.add(new PutEntry(key, (step + ":" + i).getBytes(StandardCharsets.UTF_8), explicit));
      keys.add(explicit == null ? HashKeys.ofPartitionKey(key) : new BigInteger(explicit));
    }
    List<PutOutcome> outcomes = engine.putRecords("s", entries).join();
    for (int i = 0; i < count; i++) {
      int shard = route(keys.get(i));
      ModelShard expected = model.get(shard);
      expected.records.add(step + ":" + i);
      assertThat(outcomes.get(i)).isEqualTo(new PutOutcome.Stored(new ShardId(shard),
          SequenceNumber.ofRecord(new ShardId(shard), expected.records.size() - 1)));
    }
  }

  private int route(BigInteger key) {
    for (int i = 0; i < model.size(); i++) {
      if (model.get(i).open && model.get(i).range.contains(key)) {
        return i;
      }
    }
    throw new AssertionError("no open shard for " + key);
  }

  private void checkShard(ShardId shard) {
    String iterator = engine.getShardIterator("s", shard, IteratorType.TRIM_HORIZON, null, null);
    List<String> read = new ArrayList<>();
    RecordBatch batch;
    do {
      batch = engine.getRecords(iterator, 7);
      batch.records().forEach(r -> read.add(new String(r.data(), StandardCharsets.UTF_8)));
      iterator = batch.nextShardIterator();
    } while (!batch.records().isEmpty() && iterator != null);
    assertThat(read).containsExactlyElementsOf(model.get(shard.index()).records);
    assertThat(iterator == null).isEqualTo(!model.get(shard.index()).open);
  }

  private List<Integer> openShards() {
    List<Integer> open = new ArrayList<>();
    for (int i = 0; i < model.size(); i++) {
      if (model.get(i).open) {
        open.add(i);
      }
    }
    open.sort((a, b) -> model.get(a).range.start().compareTo(model.get(b).range.start()));
    return open;
  }

  private void split(Random random) {
    List<Integer> open = openShards();
    int target = open.get(random.nextInt(open.size()));
    HashKeyRange range = model.get(target).range;
    BigInteger cut = range.start().add(BigInteger.ONE)
        .add(new BigInteger(128, random).mod(range.size().subtract(BigInteger.ONE)));
    engine.splitShard("s", new ShardId(target), cut);
    model.get(target).open = false;
    model.add(new ModelShard(new HashKeyRange(range.start(), cut.subtract(BigInteger.ONE))));
    model.add(new ModelShard(new HashKeyRange(cut, range.end())));
  }

  private void merge(Random random) {
    List<Integer> open = openShards();
    if (open.size() < 2) {
      return;
    }
    int i = random.nextInt(open.size() - 1);
    int a = open.get(i);
    int b = open.get(i + 1);
    if (random.nextBoolean()) {
      engine.mergeShards("s", new ShardId(a), new ShardId(b));
    } else {
      engine.mergeShards("s", new ShardId(b), new ShardId(a));
    }
    model.get(a).open = false;
    model.get(b).open = false;
    model.add(new ModelShard(model.get(a).range.union(model.get(b).range)));
  }
}
