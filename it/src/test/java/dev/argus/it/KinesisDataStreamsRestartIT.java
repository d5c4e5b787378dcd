package dev.argus.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Consumer;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/** Streams, shards, records, consumers and iterators survive a stop and start of the server. */
class KinesisDataStreamsRestartIT {

  @TempDir
  Path dataDir;

  @Test
  void everythingSurvivesARestart() throws Exception {
    List<String> numbers = new ArrayList<>();
    String iterator;
    String consumerArn;
    try (ArgusProcess argus = ArgusProcess.start(dataDir); KinesisClient kinesis = Clients.kinesis(argus.endpoint())) {
      kinesis.createStream(r -> r.streamName("durable").shardCount(2));
      consumerArn = kinesis.registerStreamConsumer(r -> r.streamARN("arn:aws:kinesis:us-east-1:000000000000:stream/durable")
          .consumerName("app")).consumer().consumerARN();
      List<PutRecordsRequestEntry> entries = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        entries.add(PutRecordsRequestEntry.builder().partitionKey("k" + i).data(SdkBytes.fromUtf8String("v" + i)).build());
      }
      kinesis.putRecords(r -> r.streamName("durable").records(entries)).records()
          .forEach(result -> numbers.add(result.sequenceNumber()));
      kinesis.splitShard(r -> r.streamName("durable").shardToSplit("shardId-000000000001")
          .newStartingHashKey("300000000000000000000000000000000000000"));
      iterator = kinesis.getShardIterator(r -> r.streamName("durable").shardId("shardId-000000000000")
          .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
    }
    try (ArgusProcess argus = ArgusProcess.start(dataDir); KinesisClient kinesis = Clients.kinesis(argus.endpoint())) {
      List<Shard> shards = kinesis.listShards(r -> r.streamName("durable")).shards();
      assertThat(shards).hasSize(4);
      assertThat(shards.get(1).sequenceNumberRange().endingSequenceNumber()).isNotNull();
      List<String> read = new ArrayList<>();
      for (Shard shard : shards) {
        String it = kinesis.getShardIterator(r -> r.streamName("durable").shardId(shard.shardId())
            .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        kinesis.getRecords(r -> r.shardIterator(it)).records().stream().map(Record::sequenceNumber).forEach(read::add);
      }
      assertThat(read).containsExactlyInAnyOrderElementsOf(numbers);
      final String old = iterator;
      assertThat(kinesis.getRecords(r -> r.shardIterator(old)).records()).isNotEmpty();
      assertThat(kinesis.describeStreamConsumer(r -> r.consumerARN(consumerArn)).consumerDescription().consumerName())
          .isEqualTo("app");
      String next = kinesis.putRecord(r -> r.streamName("durable").partitionKey("k0").data(SdkBytes.fromUtf8String("x")))
          .sequenceNumber();
      assertThat(numbers).doesNotContain(next);
      assertThat(kinesis.listStreamConsumers(r -> r.streamARN("arn:aws:kinesis:us-east-1:000000000000:stream/durable"))
          .consumers()).extracting(Consumer::consumerName).containsExactly("app");
    }
  }
}
