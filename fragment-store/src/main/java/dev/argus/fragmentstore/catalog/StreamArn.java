package dev.argus.fragmentstore.catalog;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A video stream's ARN: {@code arn:aws:kinesisvideo:<region>:<account>:stream/<name>/<creationMillis>}.
 * The creation time makes the ARN of a re-created stream differ from the deleted one's, as in AWS.
 *
 * @param region         e.g. {@code us-east-1}
 * @param account        twelve digits in AWS; any digits here
 * @param streamName     the stream's name
 * @param creationMillis the stream's creation time, epoch milliseconds
 */
public record StreamArn(String region, String account, String streamName, long creationMillis) {

  /** Longest ARN the API accepts. */
  public static final int MAX_LENGTH = 1024;

  private static final Pattern REGION = Pattern.compile("[a-z0-9-]+");
  private static final Pattern ACCOUNT = Pattern.compile("[0-9]+");
  private static final Pattern FORM = Pattern.compile(
      "arn:[a-z\\d-]+:kinesisvideo:([a-z0-9-]+):([0-9]+):stream/([a-zA-Z0-9_.-]+)/([0-9]{1,18})");

  public StreamArn {
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(account, "account");
    MemberRules.matching("region", region, 1, 64, REGION);
    MemberRules.matching("account", account, 1, 32, ACCOUNT);
    MemberRules.streamName("StreamName", streamName);
    if (creationMillis < 0) {
      throw new InvalidArgumentException("creation time is negative: " + creationMillis);
    }
  }

  /** Parses a client's StreamARN; a malformed one is an {@link InvalidArgumentException}. */
  public static StreamArn parse(String member, String text) {
    MemberRules.length(member, text, 1, MAX_LENGTH);
    Matcher m = FORM.matcher(text);
    if (!m.matches()) {
      throw new InvalidArgumentException(member + " '" + text
          + "' is not a stream ARN (arn:aws:kinesisvideo:<region>:<account>:stream/<name>/<creationMillis>)");
    }
    return new StreamArn(m.group(1), m.group(2), m.group(3), Long.parseLong(m.group(4)));
  }

  @Override
  public String toString() {
    return "arn:aws:kinesisvideo:" + region + ":" + account + ":stream/" + streamName + "/" + creationMillis;
  }
}
