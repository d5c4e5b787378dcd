package dev.argus.datastream.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.WritableTypeId;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import java.io.IOException;

/**
 * A hot response document that writes itself to the protocol's generator, member by member, with
 * no intermediate map and no serializer look-up per value. The same code serves awsJson1.1 and
 * CBOR: blobs go through {@code writeBinary} (base64 text in JSON, a byte string in CBOR) and
 * timestamps through {@link dev.argus.awshttp.protocol.Timestamps}.
 *
 * <p>Contract, as the map documents it replaces: members in the order Kinesis documents them,
 * null members left out, one object per document. Implementations are immutable values, so
 * thread-safe; a response may be encoded on another thread than the one that built it.
 */
sealed interface EncodedDocument extends JsonSerializable
    permits PutRecordResponse, PutRecordsResponse, GetRecordsResponse, SubscribeToShardEvent {

  /** Writes the members between the object's braces. */
  void writeMembers(JsonGenerator gen, SerializerProvider provider) throws IOException;

  @Override
  default void serialize(JsonGenerator gen, SerializerProvider provider) throws IOException {
    gen.writeStartObject(this);
    writeMembers(gen, provider);
    gen.writeEndObject();
  }

  @Override
  default void serializeWithType(JsonGenerator gen, SerializerProvider provider, TypeSerializer typeSer)
      throws IOException {
    WritableTypeId typeId = typeSer.writeTypePrefix(gen, typeSer.typeId(this, JsonToken.START_OBJECT));
    writeMembers(gen, provider);
    typeSer.writeTypeSuffix(gen, typeId);
  }
}
