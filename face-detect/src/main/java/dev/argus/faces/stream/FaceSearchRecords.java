package dev.argus.faces.stream;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.nio.charset.StandardCharsets;

/** Encodes {@link FaceSearchRecord}s as the JSON Rekognition Video writes (UTF-8). Thread-safe. */
public final class FaceSearchRecords {

  private static final ObjectMapper JSON = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE)
      .setDefaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL,
          JsonInclude.Include.NON_NULL));

  private FaceSearchRecords() {
  }

  public static byte[] toJson(FaceSearchRecord record) {
    try {
      return JSON.writeValueAsString(record).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a record always encodes", e);
    }
  }
}
