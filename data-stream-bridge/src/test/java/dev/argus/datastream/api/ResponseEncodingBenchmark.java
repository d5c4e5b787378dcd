package dev.argus.datastream.api;

import dev.argus.awshttp.protocol.Protocol;
import dev.argus.datastream.engine.PutOutcome;
import dev.argus.datastream.engine.RecordBatch;
import dev.argus.datastream.engine.StreamRecord;
import dev.argus.datastream.shard.SequenceNumber;
import dev.argus.datastream.shard.ShardId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Encoding the two hot answers as {@code argus bench kinesis} shapes them (100-byte records): a
 * GetRecords of 500 records and a PutRecords of 500 stored outcomes, the old Map document
 * ({@link WireOracle}) against the hand-written one, each through {@link Protocol#encode}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ResponseEncodingBenchmark {

  private static final int RECORDS = 500;

  @Param({"AWS_JSON_1_1", "AWS_CBOR_1_1"})
  public Protocol protocol;

  private RecordBatch batch;
  private List<PutOutcome> outcomes;

  @Setup
  public void setUp() {
    Random random = new Random(42);
    List<StreamRecord> records = new ArrayList<>();
    outcomes = new ArrayList<>();
    long arrival = 1_764_000_000_000L;
    for (int i = 0; i < RECORDS; i++) {
      byte[] data = new byte[100];
      random.nextBytes(data);
      SequenceNumber number = new SequenceNumber(new ShardId(i % 4), 1_000_000 + i);
      records.add(new StreamRecord(number, arrival + i * 7L, "key-" + random.nextInt(1000), data));
      outcomes.add(new PutOutcome.Stored(number.shard(), number));
    }
    batch = new RecordBatch(records, "iterator", 0, List.of(), records.get(RECORDS - 1).sequenceNumber());
  }

  @Benchmark
  public byte[] getRecordsMap() {
    return protocol.encode(WireOracle.oldGetRecords(batch));
  }

  @Benchmark
  public byte[] getRecordsWritten() {
    return protocol.encode(new GetRecordsResponse(batch));
  }

  @Benchmark
  public byte[] putRecordsMap() {
    return protocol.encode(WireOracle.oldPutRecords(outcomes));
  }

  @Benchmark
  public byte[] putRecordsWritten() {
    return protocol.encode(new PutRecordsResponse(outcomes));
  }
}
