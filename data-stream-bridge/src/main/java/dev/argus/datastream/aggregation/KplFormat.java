package dev.argus.datastream.aggregation;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Kinesis Producer Library's aggregated record format, encoded and decoded with protobuf-java's
 * {@link CodedOutputStream} and {@link CodedInputStream}.
 *
 * <pre>
 * record data  = MAGIC (F3 89 9A C2) | AggregatedRecord (protobuf, proto2) | MD5(AggregatedRecord) (16 bytes)
 *
 * message AggregatedRecord {
 *   repeated string partition_key_table     = 1;
 *   repeated string explicit_hash_key_table = 2;
 *   repeated Record records                 = 3;
 * }
 * message Record {
 *   required uint64 partition_key_index     = 1;
 *   optional uint64 explicit_hash_key_index = 2;
 *   required bytes  data                    = 3;
 *   repeated Tag    tags                    = 4;   // checked when read, never written
 * }
 * message Tag {
 *   required string key   = 1;
 *   optional string value = 2;
 * }
 * </pre>
 *
 * <p>Stateless and thread-safe.
 */
final class KplFormat {

  /** The four bytes that open every aggregated record. */
  static final byte[] MAGIC = {(byte) 0xF3, (byte) 0x89, (byte) 0x9A, (byte) 0xC2};

  static final int PARTITION_KEY_TABLE = 1;
  static final int EXPLICIT_HASH_KEY_TABLE = 2;
  static final int RECORDS = 3;
  static final int RECORD_PARTITION_KEY_INDEX = 1;
  static final int RECORD_EXPLICIT_HASH_KEY_INDEX = 2;
  static final int RECORD_DATA = 3;
  static final int RECORD_TAGS = 4;
  static final int TAG_KEY = 1;

  /** Bytes around the protobuf message: the magic and the MD5 trailer. */
  static final int FRAMING_BYTES = MAGIC.length + Md5.LENGTH;

  private KplFormat() {}

  /** One entry of the records field: indexes into the tables ({@code -1}: no explicit hash key). */
  record Entry(int partitionKeyIndex, int explicitHashKeyIndex, byte[] data) {}

  static int utf8Length(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  /** Encoded size of one table entry (field 1 or 2). */
  static int tableEntrySize(int field, String value) {
    return CodedOutputStream.computeStringSize(field, value);
  }

  /** Encoded size of one records entry, tag and length prefix included. */
  static int entrySize(Entry entry) {
    int body = entryBodySize(entry);
    return CodedOutputStream.computeTagSize(RECORDS) + CodedOutputStream.computeUInt32SizeNoTag(body) + body;
  }

  private static int entryBodySize(Entry entry) {
    int size = CodedOutputStream.computeUInt64Size(RECORD_PARTITION_KEY_INDEX, entry.partitionKeyIndex())
        + CodedOutputStream.computeByteArraySize(RECORD_DATA, entry.data());
    if (entry.explicitHashKeyIndex() >= 0) {
      size += CodedOutputStream.computeUInt64Size(RECORD_EXPLICIT_HASH_KEY_INDEX, entry.explicitHashKeyIndex());
    }
    return size;
  }

  /** Encodes a whole aggregate: magic, message of {@code messageSize} bytes, MD5 trailer. */
  static byte[] encode(List<String> partitionKeys, List<String> hashKeys, List<Entry> entries, int messageSize) {
    byte[] out = new byte[MAGIC.length + messageSize + Md5.LENGTH];
    System.arraycopy(MAGIC, 0, out, 0, MAGIC.length);
    CodedOutputStream coded = CodedOutputStream.newInstance(out, MAGIC.length, messageSize);
    try {
      for (String key : partitionKeys) {
        coded.writeString(PARTITION_KEY_TABLE, key);
      }
      for (String key : hashKeys) {
        coded.writeString(EXPLICIT_HASH_KEY_TABLE, key);
      }
      for (Entry entry : entries) {
        coded.writeTag(RECORDS, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        coded.writeUInt32NoTag(entryBodySize(entry));
        coded.writeUInt64(RECORD_PARTITION_KEY_INDEX, entry.partitionKeyIndex());
        if (entry.explicitHashKeyIndex() >= 0) {
          coded.writeUInt64(RECORD_EXPLICIT_HASH_KEY_INDEX, entry.explicitHashKeyIndex());
        }
        coded.writeByteArray(RECORD_DATA, entry.data());
      }
      coded.flush();
      coded.checkNoSpaceLeft();
    } catch (IOException e) {
      throw new IllegalStateException("computed aggregate size was wrong", e);
    }
    byte[] md5 = Md5.digest(out, MAGIC.length, messageSize);
    System.arraycopy(md5, 0, out, MAGIC.length + messageSize, Md5.LENGTH);
    return out;
  }

  /** Whether the data has the magic, room for a non-empty message and a matching MD5 trailer. */
  static boolean isAggregate(byte[] data) {
    if (data.length <= FRAMING_BYTES
        || !Arrays.equals(data, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      return false;
    }
    int messageEnd = data.length - Md5.LENGTH;
    byte[] md5 = Md5.digest(data, MAGIC.length, messageEnd - MAGIC.length);
    return Arrays.equals(md5, 0, Md5.LENGTH, data, messageEnd, data.length);
  }

  /**
   * Decodes the user records of data that {@link #isAggregate} accepted.
   *
   * @throws InvalidProtocolBufferException when the message is malformed, misses a required field,
   *     or indexes past a table
   */
  static List<UserRecord> decode(byte[] data) throws InvalidProtocolBufferException {
    CodedInputStream in = CodedInputStream.newInstance(data, MAGIC.length, data.length - FRAMING_BYTES);
    List<String> partitionKeys = new ArrayList<>();
    List<String> hashKeys = new ArrayList<>();
    List<long[]> indexes = new ArrayList<>();
    List<byte[]> payloads = new ArrayList<>();
    try {
      for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
        switch (tag) {
          case (PARTITION_KEY_TABLE << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED -> partitionKeys.add(in.readString());
          case (EXPLICIT_HASH_KEY_TABLE << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED -> hashKeys.add(in.readString());
          case (RECORDS << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED -> {
            int limit = in.pushLimit(in.readRawVarint32());
            readEntry(in, indexes, payloads);
            in.popLimit(limit);
          }
          default -> {
            if (!in.skipField(tag)) {
              throw new InvalidProtocolBufferException("unexpected end-group tag " + tag);
            }
          }
        }
      }
    } catch (InvalidProtocolBufferException e) {
      throw e;
    } catch (IOException e) {
      throw new InvalidProtocolBufferException(e);
    }
    return resolve(partitionKeys, hashKeys, indexes, payloads);
  }

  private static void readEntry(CodedInputStream in, List<long[]> indexes, List<byte[]> payloads)
      throws IOException {
    long partitionKeyIndex = 0;
    boolean hasPartitionKey = false;
    long hashKeyIndex = 0;
    boolean hasHashKey = false;
    byte[] payload = null;
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (tag) {
        case (RECORD_PARTITION_KEY_INDEX << 3) | WireFormat.WIRETYPE_VARINT -> {
          partitionKeyIndex = in.readUInt64();
          hasPartitionKey = true;
        }
        case (RECORD_EXPLICIT_HASH_KEY_INDEX << 3) | WireFormat.WIRETYPE_VARINT -> {
          hashKeyIndex = in.readUInt64();
          hasHashKey = true;
        }
        case (RECORD_DATA << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED -> payload = in.readByteArray();
        case (RECORD_TAGS << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED -> {
          int limit = in.pushLimit(in.readRawVarint32());
          checkTag(in);
          in.popLimit(limit);
        }
        default -> {
          if (!in.skipField(tag)) {
            throw new InvalidProtocolBufferException("unexpected end-group tag " + tag);
          }
        }
      }
    }
    if (!hasPartitionKey || payload == null) {
      throw new InvalidProtocolBufferException("a record misses its required partition_key_index or data");
    }
    indexes.add(new long[] {partitionKeyIndex, hashKeyIndex, hasHashKey ? 1 : 0});
    payloads.add(payload);
  }

  /** Tags are not exposed, but a tag without its required key makes the message invalid, as in the KCL. */
  private static void checkTag(CodedInputStream in) throws IOException {
    boolean hasKey = false;
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      if (tag == ((TAG_KEY << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED)) {
        in.readString();
        hasKey = true;
      } else if (!in.skipField(tag)) {
        throw new InvalidProtocolBufferException("unexpected end-group tag " + tag);
      }
    }
    if (!hasKey) {
      throw new InvalidProtocolBufferException("a tag misses its required key");
    }
  }

  private static List<UserRecord> resolve(List<String> partitionKeys, List<String> hashKeys,
      List<long[]> indexes, List<byte[]> payloads) throws InvalidProtocolBufferException {
    List<UserRecord> records = new ArrayList<>(payloads.size());
    for (int i = 0; i < payloads.size(); i++) {
      long pk = indexes.get(i)[0];
      long ehk = indexes.get(i)[1];
      boolean hasEhk = indexes.get(i)[2] == 1;
      // uint64 indexes past 2^63 read as negative longs and are out of range like any other.
      if (pk < 0 || pk >= partitionKeys.size() || (hasEhk && (ehk < 0 || ehk >= hashKeys.size()))) {
        throw new InvalidProtocolBufferException("record " + i + " indexes past a key table");
      }
      try {
        records.add(new UserRecord(partitionKeys.get((int) pk), hasEhk ? hashKeys.get((int) ehk) : null,
            payloads.get(i)));
      } catch (IllegalArgumentException e) {
        throw new InvalidProtocolBufferException("record " + i + ": " + e.getMessage());
      }
    }
    return records;
  }
}
