package dev.argus.datastream.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import dev.argus.datastream.engine.PutOutcome;
import java.io.IOException;
import java.util.List;

/**
 * PutRecords' answer, written straight to the generator:
 * {@code {"FailedRecordCount": n, "Records": [...], "EncryptionType": "NONE"}}, one entry per
 * request record in request order: {@code {"SequenceNumber", "ShardId"}} when stored,
 * {@code {"ErrorCode", "ErrorMessage"}} when not. Immutable.
 *
 * @param outcomes what became of each record, in request order
 */
record PutRecordsResponse(List<PutOutcome> outcomes) implements EncodedDocument {

  PutRecordsResponse {
    outcomes = List.copyOf(outcomes);
  }

  /** How many outcomes are failures: the FailedRecordCount member. */
  int failedRecordCount() {
    int failed = 0;
    for (PutOutcome outcome : outcomes) {
      if (outcome instanceof PutOutcome.Failed) {
        failed++;
      }
    }
    return failed;
  }

  @Override
  public void writeMembers(JsonGenerator gen, SerializerProvider provider) throws IOException {
    gen.writeFieldName(WireMembers.FAILED_RECORD_COUNT);
    gen.writeNumber(failedRecordCount());
    gen.writeFieldName(WireMembers.RECORDS);
    gen.writeStartArray(outcomes, outcomes.size());
    for (PutOutcome outcome : outcomes) {
      writeOutcome(gen, outcome);
    }
    gen.writeEndArray();
    gen.writeFieldName(WireMembers.ENCRYPTION_TYPE);
    gen.writeString(WireMembers.NO_ENCRYPTION);
  }

  private static void writeOutcome(JsonGenerator gen, PutOutcome outcome) throws IOException {
    gen.writeStartObject(outcome);
    if (outcome instanceof PutOutcome.Stored stored) {
      gen.writeFieldName(WireMembers.SEQUENCE_NUMBER);
      gen.writeString(stored.sequenceNumber().toString());
      gen.writeFieldName(WireMembers.SHARD_ID);
      gen.writeString(stored.shard().toString());
    } else if (outcome instanceof PutOutcome.Failed failed) {
      gen.writeFieldName(WireMembers.ERROR_CODE);
      gen.writeString(failed.errorCode());
      gen.writeFieldName(WireMembers.ERROR_MESSAGE);
      gen.writeString(failed.errorMessage());
    }
    gen.writeEndObject();
  }
}
