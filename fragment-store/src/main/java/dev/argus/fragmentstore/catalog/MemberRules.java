package dev.argus.fragmentstore.catalog;

import java.util.regex.Pattern;

/**
 * The length and pattern constraints that the Kinesis Video API reference gives for each request
 * member. A violation is an {@link InvalidArgumentException} that names the member, the rule and
 * the offending length, so a client sees what to fix. Stateless.
 */
final class MemberRules {

  static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.-]+");
  /** {@code type/subtype}, optionally a comma-separated list, e.g. {@code video/h264,audio/aac}. */
  static final Pattern MEDIA_TYPE = Pattern.compile("[\\w\\-.+]+/[\\w\\-.+]+(,[\\w\\-.+]+/[\\w\\-.+]+)*");
  static final Pattern VERSION = Pattern.compile("[a-zA-Z0-9]+");
  /** Letters, separators, digits and {@code _ . : / = + - @} (tag keys and values). */
  static final Pattern TAG_TEXT = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");

  static final int MAX_STREAM_NAME = 256;
  static final int MAX_DEVICE_NAME = 128;
  static final int MAX_MEDIA_TYPE = 128;
  static final int MAX_KMS_KEY_ID = 2048;
  static final int MAX_VERSION = 64;

  private MemberRules() {
  }

  static String streamName(String member, String value) {
    return matching(member, value, 1, MAX_STREAM_NAME, NAME);
  }

  /** Null stays null: the member is optional. */
  static String optionalDeviceName(String value) {
    return value == null ? null : matching("DeviceName", value, 1, MAX_DEVICE_NAME, NAME);
  }

  static String optionalMediaType(String value) {
    return value == null ? null : matching("MediaType", value, 1, MAX_MEDIA_TYPE, MEDIA_TYPE);
  }

  static String optionalKmsKeyId(String value) {
    return value == null ? null : length("KmsKeyId", value, 1, MAX_KMS_KEY_ID);
  }

  static String version(String member, String value) {
    return matching(member, value, 1, MAX_VERSION, VERSION);
  }

  static String matching(String member, String value, int min, int max, Pattern pattern) {
    length(member, value, min, max);
    if (!pattern.matcher(value).matches()) {
      throw new InvalidArgumentException(member + " '" + value + "' must match " + pattern.pattern());
    }
    return value;
  }

  static String length(String member, String value, int min, int max) {
    if (value == null) {
      throw new InvalidArgumentException(member + " is required");
    }
    int length = value.codePointCount(0, value.length());
    if (length < min || length > max) {
      throw new InvalidArgumentException(member + " must be " + min + " to " + max + " characters long, not "
          + length);
    }
    return value;
  }

  static int range(String member, int value, int min, int max) {
    if (value < min || value > max) {
      throw new InvalidArgumentException(member + " must be between " + min + " and " + max + ", not " + value);
    }
    return value;
  }
}
