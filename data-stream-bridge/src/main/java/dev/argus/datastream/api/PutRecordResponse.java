package dev.argus.datastream.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import dev.argus.datastream.shard.SequenceNumber;
import dev.argus.datastream.shard.ShardId;
import java.io.IOException;
import java.util.Objects;

/**
 * PutRecord's answer, written straight to the generator:
 * {@code {"ShardId": "shardId-…", "SequenceNumber": "<30 digits>", "EncryptionType": "NONE"}}.
 * Immutable.
 *
 * @param shard          the shard the record went to
 * @param sequenceNumber the record's number
 */
record PutRecordResponse(ShardId shard, SequenceNumber sequenceNumber) implements EncodedDocument {

  PutRecordResponse {
    Objects.requireNonNull(shard, "shard");
    Objects.requireNonNull(sequenceNumber, "sequenceNumber");
  }

  @Override
  public void writeMembers(JsonGenerator gen, SerializerProvider provider) throws IOException {
    gen.writeFieldName(WireMembers.SHARD_ID);
    gen.writeString(shard.toString());
    gen.writeFieldName(WireMembers.SEQUENCE_NUMBER);
    gen.writeString(sequenceNumber.toString());
    gen.writeFieldName(WireMembers.ENCRYPTION_TYPE);
    gen.writeString(WireMembers.NO_ENCRYPTION);
  }
}
