package dev.argus.fragmentstore.catalog;

import java.util.Objects;

/**
 * How a request names its stream: by StreamName or by StreamARN, never both. An ARN names one
 * incarnation of a stream: the ARN of a deleted stream finds nothing, even once a stream of the
 * same name exists again.
 */
public sealed interface StreamRef {

  /**
   * From a request's two optional members; exactly one must be present.
   *
   * @throws InvalidArgumentException when neither or both are given, or the one given is malformed
   */
  static StreamRef of(String streamName, String streamArn) {
    if ((streamName == null) == (streamArn == null)) {
      throw new InvalidArgumentException(streamName == null
          ? "either StreamName or StreamARN is required"
          : "give StreamName or StreamARN, not both");
    }
    return streamName != null ? new ByName(streamName) : new ByArn(StreamArn.parse("StreamARN", streamArn));
  }

  /** The stream name this reference resolves through. */
  String streamName();

  record ByName(String streamName) implements StreamRef {
    public ByName {
      MemberRules.streamName("StreamName", streamName);
    }

    @Override
    public String toString() {
      return "stream " + streamName;
    }
  }

  record ByArn(StreamArn arn) implements StreamRef {
    public ByArn {
      Objects.requireNonNull(arn, "arn");
    }

    @Override
    public String streamName() {
      return arn.streamName();
    }

    @Override
    public String toString() {
      return "stream " + arn;
    }
  }
}
