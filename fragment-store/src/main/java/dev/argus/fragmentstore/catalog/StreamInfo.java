package dev.argus.fragmentstore.catalog;

import java.time.Instant;
import java.util.Objects;

/**
 * Everything the catalog knows about one stream: DescribeStream's StreamInfo plus the tags.
 * Immutable; an update yields a new value with a new {@link #version()}.
 *
 * @param streamName           the stream's name, unique in the catalog
 * @param arn                  its ARN; names the same stream and its creation time
 * @param deviceName           optional, as given at creation
 * @param mediaType            optional, as given at creation
 * @param kmsKeyId             the key the stream's data would be encrypted with: the caller's, or
 *                             the default {@code alias/aws/kinesisvideo} key, as AWS reports it
 * @param version              opaque, alphanumeric; changes on every configuration update
 *                             (creation, data retention), not on tagging
 * @param status               {@link StreamStatus#ACTIVE} while in the catalog
 * @param creationTime         creation time, millisecond precision (it is in the ARN)
 * @param dataRetentionInHours 0 (no retention) to {@link #MAX_RETENTION_HOURS}
 * @param tags                 the stream's tags
 */
public record StreamInfo(String streamName, StreamArn arn, String deviceName, String mediaType, String kmsKeyId,
                         String version, StreamStatus status, Instant creationTime, int dataRetentionInHours,
                         Tags tags) {

  /** Ten years, the largest retention Kinesis Video Streams accepts. */
  public static final int MAX_RETENTION_HOURS = 87_600;

  public StreamInfo {
    MemberRules.streamName("StreamName", streamName);
    Objects.requireNonNull(arn, "arn");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(creationTime, "creationTime");
    Objects.requireNonNull(tags, "tags");
    if (!arn.streamName().equals(streamName) || arn.creationMillis() != creationTime.toEpochMilli()) {
      throw new IllegalArgumentException("ARN " + arn + " does not name stream " + streamName + " created at "
          + creationTime);
    }
    MemberRules.optionalDeviceName(deviceName);
    MemberRules.optionalMediaType(mediaType);
    MemberRules.length("KmsKeyId", kmsKeyId, 1, MemberRules.MAX_KMS_KEY_ID);
    MemberRules.version("Version", version);
    MemberRules.range("DataRetentionInHours", dataRetentionInHours, 0, MAX_RETENTION_HOURS);
  }

  /** The default key AWS reports for streams created without a KmsKeyId. */
  public static String defaultKmsKeyId(String region, String account) {
    return "arn:aws:kms:" + region + ":" + account + ":alias/aws/kinesisvideo";
  }

  StreamInfo withRetention(int hours, String newVersion) {
    return new StreamInfo(streamName, arn, deviceName, mediaType, kmsKeyId, newVersion, status, creationTime, hours,
        tags);
  }

  StreamInfo withTags(Tags newTags) {
    return new StreamInfo(streamName, arn, deviceName, mediaType, kmsKeyId, version, status, creationTime,
        dataRetentionInHours, newTags);
  }

  StreamInfo withStatus(StreamStatus newStatus) {
    return new StreamInfo(streamName, arn, deviceName, mediaType, kmsKeyId, version, newStatus, creationTime,
        dataRetentionInHours, tags);
  }
}
