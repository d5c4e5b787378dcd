package dev.argus.datastream.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.SerializerProvider;
import dev.argus.awshttp.protocol.Timestamps;
import dev.argus.datastream.engine.ChildShard;
import dev.argus.datastream.engine.StreamRecord;
import dev.argus.datastream.shard.ShardId;
import java.io.IOException;
import java.util.List;

/**
 * Member names of the hot responses, encoded once, and the writers of the two nested shapes they
 * share: a Record ({@code SequenceNumber}, {@code ApproximateArrivalTimestamp}, {@code Data},
 * {@code PartitionKey}) and a ChildShard ({@code ShardId}, {@code ParentShards},
 * {@code HashKeyRange}). Arrays are written with their length, as Jackson's list serializer does
 * (a definite-length array in CBOR). Stateless and thread-safe.
 */
final class WireMembers {

  static final SerializableString SHARD_ID = name("ShardId");
  static final SerializableString SEQUENCE_NUMBER = name("SequenceNumber");
  static final SerializableString ENCRYPTION_TYPE = name("EncryptionType");
  static final SerializableString FAILED_RECORD_COUNT = name("FailedRecordCount");
  static final SerializableString RECORDS = name("Records");
  static final SerializableString ERROR_CODE = name("ErrorCode");
  static final SerializableString ERROR_MESSAGE = name("ErrorMessage");
  static final SerializableString NEXT_SHARD_ITERATOR = name("NextShardIterator");
  static final SerializableString MILLIS_BEHIND_LATEST = name("MillisBehindLatest");
  static final SerializableString CHILD_SHARDS = name("ChildShards");
  static final SerializableString CONTINUATION_SEQUENCE_NUMBER = name("ContinuationSequenceNumber");
  private static final SerializableString ARRIVAL = name("ApproximateArrivalTimestamp");
  private static final SerializableString DATA = name("Data");
  private static final SerializableString PARTITION_KEY = name("PartitionKey");
  private static final SerializableString PARENT_SHARDS = name("ParentShards");
  private static final SerializableString HASH_KEY_RANGE = name("HashKeyRange");
  private static final SerializableString STARTING_HASH_KEY = name("StartingHashKey");
  private static final SerializableString ENDING_HASH_KEY = name("EndingHashKey");

  /** The only EncryptionType Argus answers: it stores records unencrypted. */
  static final String NO_ENCRYPTION = "NONE";

  private WireMembers() {
  }

  private static SerializableString name(String member) {
    return new SerializedString(member);
  }

  /** An array of Records. */
  static void writeRecords(JsonGenerator gen, SerializerProvider provider, List<StreamRecord> records)
      throws IOException {
    gen.writeStartArray(records, records.size());
    for (StreamRecord record : records) {
      writeRecord(gen, provider, record);
    }
    gen.writeEndArray();
  }

  /** A Record; its data is written with the mapper's base64 variant, as {@code byte[]} members are. */
  private static void writeRecord(JsonGenerator gen, SerializerProvider provider, StreamRecord record) throws IOException {
    gen.writeStartObject(record);
    gen.writeFieldName(SEQUENCE_NUMBER);
    gen.writeString(record.sequenceNumber().toString());
    gen.writeFieldName(ARRIVAL);
    Timestamps.write(gen, record.arrivalMillis());
    gen.writeFieldName(DATA);
    byte[] data = record.data();
    gen.writeBinary(provider.getConfig().getBase64Variant(), data, 0, data.length);
    gen.writeFieldName(PARTITION_KEY);
    gen.writeString(record.partitionKey());
    gen.writeEndObject();
  }

  /** An array of ChildShards. */
  static void writeChildren(JsonGenerator gen, List<ChildShard> children) throws IOException {
    gen.writeStartArray(children, children.size());
    for (ChildShard child : children) {
      writeChild(gen, child);
    }
    gen.writeEndArray();
  }

  /** A ChildShard, as GetRecords and SubscribeToShard report it at a closed shard's end. */
  private static void writeChild(JsonGenerator gen, ChildShard child) throws IOException {
    gen.writeStartObject(child);
    gen.writeFieldName(SHARD_ID);
    gen.writeString(child.shard().toString());
    gen.writeFieldName(PARENT_SHARDS);
    List<ShardId> parents = child.parents();
    gen.writeStartArray(parents, parents.size());
    for (ShardId parent : parents) {
      gen.writeString(parent.toString());
    }
    gen.writeEndArray();
    gen.writeFieldName(HASH_KEY_RANGE);
    gen.writeStartObject(child.hashKeyRange());
    gen.writeFieldName(STARTING_HASH_KEY);
    gen.writeString(child.hashKeyRange().start().toString());
    gen.writeFieldName(ENDING_HASH_KEY);
    gen.writeString(child.hashKeyRange().end().toString());
    gen.writeEndObject();
    gen.writeEndObject();
  }
}
