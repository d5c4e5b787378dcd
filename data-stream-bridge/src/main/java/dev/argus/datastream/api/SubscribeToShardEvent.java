package dev.argus.datastream.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import dev.argus.datastream.engine.ChildShard;
import dev.argus.datastream.engine.RecordBatch;
import java.io.IOException;
import java.util.Objects;

/**
 * The payload of one SubscribeToShardEvent, written straight to the generator:
 * {@code {"Records": [...], "ContinuationSequenceNumber": "…", "MillisBehindLatest": n, "ChildShards": [...]}}.
 * At a closed shard's end (the batch has no next iterator), as in AWS, ChildShards (possibly
 * empty) replace the continuation, which the KCL rejects alongside them; before it ChildShards are
 * left out. Immutable.
 *
 * @param batch what the engine read for this event
 */
record SubscribeToShardEvent(RecordBatch batch) implements EncodedDocument {

  SubscribeToShardEvent {
    Objects.requireNonNull(batch, "batch");
  }

  /** Whether this is the shard's last event. */
  boolean atEnd() {
    return batch.nextShardIterator() == null;
  }

  @Override
  public void writeMembers(JsonGenerator gen, SerializerProvider provider) throws IOException {
    gen.writeFieldName(WireMembers.RECORDS);
    WireMembers.writeRecords(gen, provider, batch.records());
    if (!atEnd()) {
      gen.writeFieldName(WireMembers.CONTINUATION_SEQUENCE_NUMBER);
      gen.writeString(batch.continuation().toString());
    }
    gen.writeFieldName(WireMembers.MILLIS_BEHIND_LATEST);
    gen.writeNumber(batch.millisBehindLatest());
    if (atEnd()) {
      gen.writeFieldName(WireMembers.CHILD_SHARDS);
      WireMembers.writeChildren(gen, batch.childShards());
    }
  }
}
