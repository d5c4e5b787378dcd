package dev.argus.awshttp.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORParser;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampsTest {

  private interface Writer {
    void write(JsonGenerator gen) throws Exception;
  }

  private static byte[] json(Writer writer) throws Exception {
    return written(Mappers.JSON, writer);
  }

  private static byte[] cbor(Writer writer) throws Exception {
    return written(Mappers.CBOR, writer);
  }

  /** What {@code writer} writes through a generator of {@code mapper}'s format. */
  private static byte[] written(ObjectMapper mapper, Writer writer) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator gen = mapper.getFactory().createGenerator(out)) {
      writer.write(gen);
    }
    return out.toByteArray();
  }

  /** Edge values and a seeded spread: whole seconds, single millis, the epoch, far future, before it. */
  private static long[] instants(long seed) {
    Random random = new Random(seed);
    List<Long> values = new ArrayList<>(List.of(0L, 1L, 9L, 10L, 99L, 100L, 999L, 1000L, 1001L,
        1_519_423_069_000L, 1_519_423_069_070L, 1_519_423_069_007L, 1_519_423_069_700L,
        -1L, -1000L, -1500L, Long.MAX_VALUE, Long.MIN_VALUE, 9_999_999_999_999L, 10_000_000_000_000L));
    for (int i = 0; i < 500; i++) {
      long millis = random.nextInt(4) == 0 ? random.nextLong() : 1_700_000_000_000L + random.nextInt(1 << 30);
      values.add(random.nextBoolean() ? millis - Math.floorMod(millis, 1000) : millis);
    }
    return values.stream().mapToLong(Long::longValue).toArray();
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void jsonTextIsTheBigDecimalSecondsWithThreeFractionDigits(long seed) throws Exception {
    for (long millis : instants(seed)) {
      String oracle = BigDecimal.valueOf(millis).movePointLeft(3).toString();
      assertThat(new String(json(gen -> Timestamps.write(gen, millis)), StandardCharsets.UTF_8))
          .as("%d ms", millis).isEqualTo(oracle);
      assertThat(new String(json(gen -> Timestamps.writeEpochSeconds(gen, millis)), StandardCharsets.UTF_8))
          .isEqualTo(oracle);
    }
  }

  @Test
  void wholeSecondsKeepTheirZeroFraction() throws Exception {
    assertThat(new String(json(gen -> Timestamps.write(gen, 1_519_423_069_000L)), StandardCharsets.UTF_8))
        .isEqualTo("1519423069.000");
    assertThat(new String(json(gen -> Timestamps.write(gen, 1_519_423_069_070L)), StandardCharsets.UTF_8))
        .isEqualTo("1519423069.070");
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2})
  void cborIsTagOneAndTheMillis(long seed) throws Exception {
    for (long millis : instants(seed)) {
      byte[] bytes = cbor(gen -> Timestamps.write(gen, millis));
      assertThat(cbor(gen -> Timestamps.writeEpochMillis(gen, millis))).isEqualTo(bytes);
      try (CBORParser parser = new CBORFactory().createParser(bytes)) {
        assertThat(parser.nextToken()).isEqualTo(JsonToken.VALUE_NUMBER_INT);
        assertThat(parser.getCurrentTag()).isEqualTo(Timestamps.CBOR_TAG_EPOCH);
        assertThat(parser.getLongValue()).isEqualTo(millis);
      }
    }
  }

  @Test
  void mappersWriteInstantsThroughTheSameFormats() throws Exception {
    for (long millis : instants(7)) {
      Instant instant = Instant.ofEpochMilli(millis);
      assertThat(Mappers.JSON.writeValueAsBytes(instant)).isEqualTo(json(gen -> Timestamps.write(gen, millis)));
      assertThat(Mappers.CBOR.writeValueAsBytes(instant)).isEqualTo(cbor(gen -> Timestamps.write(gen, millis)));
    }
  }

  @Test
  void aTreeBuiltFromAnInstantHoldsTheDecimalSeconds() {
    assertThat(Mappers.JSON.valueToTree(Map.of("T", Instant.ofEpochMilli(1_519_423_069_070L))).get("T").decimalValue())
        .isEqualByComparingTo(new BigDecimal("1519423069.070"));
  }
}
