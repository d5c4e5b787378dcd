package dev.argus.fragmentstore.api;

import dev.argus.fragmentstore.catalog.StreamInfo;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The response documents, as records whose components the server writes as PascalCase members
 * ({@code streamARN} → {@code StreamARN}), leaving nulls out and writing {@link Instant} as epoch
 * seconds. Member names and shapes follow the Kinesis Video API reference.
 */
final class Documents {

  private Documents() {
  }

  /** DescribeStream's and ListStreams' StreamInfo; tags are not part of it. */
  record StreamInfoDocument(String deviceName, String streamName, String streamARN, String mediaType,
                            String kmsKeyId, String version, String status, Instant creationTime,
                            Integer dataRetentionInHours) {

    static StreamInfoDocument of(StreamInfo s) {
      return new StreamInfoDocument(s.deviceName(), s.streamName(), s.arn().toString(), s.mediaType(),
          s.kmsKeyId(), s.version(), s.status().name(), s.creationTime(), s.dataRetentionInHours());
    }
  }

  record CreateStreamOutput(String streamARN) {
  }

  record DescribeStreamOutput(StreamInfoDocument streamInfo) {
  }

  record ListStreamsOutput(List<StreamInfoDocument> streamInfoList, String nextToken) {
  }

  record GetDataEndpointOutput(String dataEndpoint) {
  }

  record ListTagsForStreamOutput(Map<String, String> tags, String nextToken) {
  }

  /** DeleteStream, UpdateDataRetention, TagStream and UntagStream answer {@code {}}. */
  static final Map<String, Object> EMPTY = Map.of();
}
