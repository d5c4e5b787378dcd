package dev.argus.datastream.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import dev.argus.datastream.engine.ChildShard;
import dev.argus.datastream.engine.RecordBatch;
import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * GetRecords' answer, written straight to the generator:
 * {@code {"Records": [...], "NextShardIterator": "…", "MillisBehindLatest": n, "ChildShards": [...]}}.
 * NextShardIterator is left out when the batch has none (a closed shard read to its end), and
 * ChildShards unless the batch names some. Immutable ({@link RecordBatch} holds copies; record
 * data is not changed once read).
 *
 * @param batch what the engine read
 */
record GetRecordsResponse(RecordBatch batch) implements EncodedDocument {

  GetRecordsResponse {
    Objects.requireNonNull(batch, "batch");
  }

  @Override
  public void writeMembers(JsonGenerator gen, SerializerProvider provider) throws IOException {
    gen.writeFieldName(WireMembers.RECORDS);
    WireMembers.writeRecords(gen, provider, batch.records());
    if (batch.nextShardIterator() != null) {
      gen.writeFieldName(WireMembers.NEXT_SHARD_ITERATOR);
      gen.writeString(batch.nextShardIterator());
    }
    gen.writeFieldName(WireMembers.MILLIS_BEHIND_LATEST);
    gen.writeNumber(batch.millisBehindLatest());
    List<ChildShard> children = batch.childShards();
    if (!children.isEmpty()) {
      gen.writeFieldName(WireMembers.CHILD_SHARDS);
      WireMembers.writeChildren(gen, children);
    }
  }
}
