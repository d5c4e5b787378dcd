package dev.argus.faces.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.argus.awshttp.api.RequestMembers;
import java.io.IOException;

/**
 * Rekognition's wording of the shared {@link RequestMembers} reader (pure): a member that is
 * missing, of the wrong JSON type or out of its documented range is an
 * {@link InvalidParameterException} naming the member; plus the {@code Image} member, which only
 * Rekognition has.
 */
final class Members {

  /** Every failure an {@link InvalidParameterException}: "NAME is required", "NAME must be ...". */
  static final RequestMembers MEMBERS = new RequestMembers(new RequestMembers.Errors() {
    @Override
    public RuntimeException missing(String member) {
      return new InvalidParameterException(member + " is required");
    }

    @Override
    public RuntimeException outOfRange(String member, String expected, String value) {
      return new InvalidParameterException(member + " must be " + expected);
    }

    @Override
    public RuntimeException wrongType(String member, String expected, String actual) {
      return new InvalidParameterException(member + " must be " + expected);
    }

    @Override
    public RuntimeException malformed(String member, String problem) {
      return new InvalidParameterException(member + " " + problem);
    }
  });

  private Members() {
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
