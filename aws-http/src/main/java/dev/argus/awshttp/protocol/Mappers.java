package dev.argus.awshttp.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import java.io.IOException;
import java.time.Instant;

/**
 * The two shared, thread-safe mappers. Both name record components in PascalCase (AWS member
 * names: {@code streamARN} → {@code StreamARN}), leave nulls out and ignore unknown members, as
 * AWS does for forward compatibility.
 */
final class Mappers {

  static final ObjectMapper JSON = configure(new ObjectMapper(), new EpochSecondsSerializer());
  static final ObjectMapper CBOR = configure(new ObjectMapper(new CBORFactory()), new CborEpochMillisSerializer());

  private Mappers() {
  }

  private static ObjectMapper configure(ObjectMapper mapper, JsonSerializer<Instant> instants) {
    SimpleModule timestamps = new SimpleModule("aws-timestamps");
    timestamps.addSerializer(Instant.class, instants);
    return mapper.registerModule(timestamps)
        .setPropertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE)
        .setSerializationInclusion(JsonInclude.Include.NON_NULL)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
  }

  /** awsJson / REST-JSON: seconds since the epoch with millisecond precision, see {@link Timestamps}. */
  private static final class EpochSecondsSerializer extends JsonSerializer<Instant> {
    @Override
    public void serialize(Instant value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
      Timestamps.writeEpochSeconds(gen, value.toEpochMilli());
    }
  }

  /** CBOR: tag 1 and the epoch milliseconds, see {@link Timestamps}. */
  private static final class CborEpochMillisSerializer extends JsonSerializer<Instant> {
    @Override
    public void serialize(Instant value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
      Timestamps.writeEpochMillis(gen, value.toEpochMilli());
    }
  }
}
