package dev.argus.faces.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Rekognition request members, each failure naming the member (pure). A member of the
 * wrong JSON type, or out of its documented range, is an {@link InvalidParameterException}.
 */
final class Members {

  private Members() {
  }

  static String requiredText(JsonNode body, String name) {
    String value = text(body, name);
    if (value == null || value.isEmpty()) {
      throw new InvalidParameterException(name + " is required");
    }
    return value;
  }

  static String text(JsonNode body, String name) {
    JsonNode node = body.get(name);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw new InvalidParameterException(name + " must be a string");
    }
    return node.textValue();
  }

  static int integer(JsonNode body, String name, int fallback, int min, int max) {
    JsonNode node = body.get(name);
    if (node == null || node.isNull()) {
      return fallback;
    }
    if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < min || node.intValue() > max) {
      throw new InvalidParameterException(name + " must be an integer in [" + min + ", " + max + "]");
    }
    return node.intValue();
  }

  static float number(JsonNode body, String name, float fallback, float min, float max) {
    JsonNode node = body.get(name);
    if (node == null || node.isNull()) {
      return fallback;
    }
    if (!node.isNumber() || !(node.floatValue() >= min && node.floatValue() <= max)) {
      throw new InvalidParameterException(name + " must be a number in [" + min + ", " + max + "]");
    }
    return node.floatValue();
  }

  static List<String> textList(JsonNode body, String name, int min, int max) {
    JsonNode node = body.get(name);
    if (node == null || node.isNull()) {
      if (min > 0) {
        throw new InvalidParameterException(name + " is required");
      }
      return null;
    }
    if (!node.isArray() || node.size() < min || node.size() > max) {
      throw new InvalidParameterException(name + " must be a list of " + min + " to " + max + " strings");
    }
    List<String> out = new ArrayList<>(node.size());
    for (JsonNode item : node) {
      if (!item.isTextual()) {
        throw new InvalidParameterException(name + " must hold strings");
      }
      out.add(item.textValue());
    }
    return out;
  }

  /**
   * The bytes of the {@code Image} member. Images in S3 come with the S3 tier; until then an
   * {@code S3Object} is refused with a message saying so.
   */
  static byte[] image(JsonNode body) {
    JsonNode image = body.get("Image");
    if (image == null || !image.isObject()) {
      throw new InvalidParameterException("Image is required");
    }
    if (image.hasNonNull("S3Object")) {
      throw new InvalidParameterException("Image.S3Object is not supported yet: images in S3 come with Argus's S3 "
          + "tier; send the image as Image.Bytes");
    }
    JsonNode bytes = image.get("Bytes");
    if (bytes == null || bytes.isNull()) {
      throw new InvalidParameterException("Image.Bytes is required");
    }
    try {
      byte[] out = bytes.binaryValue();
      if (out == null || out.length == 0) {
        throw new InvalidParameterException("Image.Bytes must be a non-empty blob");
      }
      return out;
    } catch (IOException | IllegalArgumentException e) {
      throw new InvalidParameterException("Image.Bytes is not valid base64");
    }
  }
}
