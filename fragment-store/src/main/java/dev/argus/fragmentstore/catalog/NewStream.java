package dev.argus.fragmentstore.catalog;

/**
 * A CreateStream request, validated.
 *
 * @param streamName           required, 1 to 256 of {@code [a-zA-Z0-9_.-]}
 * @param deviceName           optional, 1 to 128 of {@code [a-zA-Z0-9_.-]}
 * @param mediaType            optional MIME type(s), e.g. {@code video/h264}
 * @param kmsKeyId             optional, 1 to 2048 characters; null means the default key
 * @param dataRetentionInHours 0 (the default: keep nothing) to {@link StreamInfo#MAX_RETENTION_HOURS}
 * @param tags                 up to {@link Tags#MAX_TAGS}
 */
public record NewStream(String streamName, String deviceName, String mediaType, String kmsKeyId,
            int dataRetentionInHours, Tags tags) {

  public NewStream {
    MemberRules.streamName("StreamName", streamName);
    MemberRules.optionalDeviceName(deviceName);
    MemberRules.optionalMediaType(mediaType);
    MemberRules.optionalKmsKeyId(kmsKeyId);
    MemberRules.range("DataRetentionInHours", dataRetentionInHours, 0, StreamInfo.MAX_RETENTION_HOURS);
    if (tags == null) {
      tags = Tags.NONE;
    }
  }

  /** A stream with just a name and a retention. */
  public static NewStream named(String streamName, int dataRetentionInHours) {
    return new NewStream(streamName, null, null, null, dataRetentionInHours, Tags.NONE);
  }
}
