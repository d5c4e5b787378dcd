package dev.argus.datastream.engine;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stream and consumer names and ARNs: validation, and resolving a reference that is either a name
 * or a stream ARN ({@code arn:aws:kinesis:<region>:<account>:stream/<name>}). Stateless.
 */
final class StreamNames {

  static final int MAX_NAME_CHARS = 128;
  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.-]{1,128}");
  private static final Pattern ARN = Pattern.compile("arn:aws[a-z-]*:kinesis:([a-z0-9-]+):(\\d{12}):stream/([a-zA-Z0-9_.-]{1,128})");

  private StreamNames() {
  }

  /** Checks a stream or consumer name; {@code member} names it in the message. */
  static String validName(String name, String member) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new ValidationException("1 validation error detected: Value '" + name + "' at '" + member
          + "' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+"
          + " and have length between 1 and " + MAX_NAME_CHARS);
    }
    return name;
  }

  /**
   * The stream name a reference stands for: a name as is, or the name in an ARN of this region and
   * account (an ARN of another is a stream that does not exist here).
   */
  static String resolve(String reference, EngineConfig config) {
    if (reference != null && reference.startsWith("arn:")) {
      Matcher m = ARN.matcher(reference);
      if (!m.matches()) {
        throw new ValidationException("1 validation error detected: Value '" + reference
            + "' at 'streamARN' failed to satisfy constraint: Member must be a Kinesis stream ARN");
      }
      if (!m.group(1).equals(config.region()) || !m.group(2).equals(config.account())) {
        throw new StreamNotFoundException("Stream " + reference + " not found.");
      }
      return m.group(3);
    }
    return validName(reference, "streamName");
  }
}
