package dev.argus.datastream.engine;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A record's payload in its shard's log (version 1):
 * <pre>
 * byte    version = 1
 * uint16  partition key length in UTF-8 bytes, then those bytes
 * byte[]  the record's data, to the end of the entry
 * </pre>
 * The arrival time is the log entry's timestamp and the sequence number its offset, so neither is
 * stored here. Stateless.
 */
final class RecordCodec {

  private static final byte VERSION = 1;

  private RecordCodec() {
  }

  static ByteBuffer encode(byte[] partitionKey, byte[] data) {
    ByteBuffer buffer = ByteBuffer.allocate(1 + 2 + partitionKey.length + data.length);
    buffer.put(VERSION).putShort((short) partitionKey.length).put(partitionKey).put(data);
    return buffer.flip();
  }

  /** Decodes a payload; an unknown version or a short payload is corrupt storage. */
  static StreamRecord decode(ByteBuffer payload, dev.argus.datastream.shard.SequenceNumber number, long arrivalMillis) {
    ByteBuffer buffer = payload.duplicate();
    if (buffer.remaining() < 3 || buffer.get() != VERSION) {
      throw new IllegalStateException("corrupt record payload at " + number);
    }
    int keyLength = Short.toUnsignedInt(buffer.getShort());
    if (buffer.remaining() < keyLength) {
      throw new IllegalStateException("corrupt record payload at " + number);
    }
    byte[] key = new byte[keyLength];
    buffer.get(key);
    byte[] data = new byte[buffer.remaining()];
    buffer.get(data);
    return new StreamRecord(number, arrivalMillis, new String(key, StandardCharsets.UTF_8), data);
  }
}
