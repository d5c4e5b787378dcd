package dev.argus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.kinesisvideo.KinesisVideoClient;
import software.amazon.awssdk.services.kinesisvideo.model.APIName;
import software.amazon.awssdk.services.kinesisvideo.model.ComparisonOperator;
import software.amazon.awssdk.services.kinesisvideo.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesisvideo.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesisvideo.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesisvideo.model.StreamInfo;
import software.amazon.awssdk.services.kinesisvideo.model.UpdateDataRetentionOperation;
import software.amazon.awssdk.services.kinesisvideo.model.VersionMismatchException;

/** The Kinesis Video control plane through the unmodified SDK v2 KinesisVideoClient. */
class VideoControlPlaneIT {

  @TempDir
  static Path dataDir;

  private static ArgusProcess argus;
  private static KinesisVideoClient kvs;

  @BeforeAll
  static void start() throws Exception {
    argus = ArgusProcess.start(dataDir);
    kvs = Clients.kinesisVideo(argus.endpoint());
  }

  @AfterAll
  static void stop() throws Exception {
    Clients.closeAll(kvs, argus);
  }

  @Test
  void streamLifecycle() {
    String arn = kvs.createStream(r -> r.streamName("cp-cam-1").deviceName("porch").mediaType("video/h264")
        .dataRetentionInHours(24).tags(Map.of("site", "home"))).streamARN();
    assertThat(arn).startsWith("arn:aws:kinesisvideo:us-east-1:").contains(":stream/cp-cam-1/");

    StreamInfo info = kvs.describeStream(r -> r.streamName("cp-cam-1")).streamInfo();
    assertThat(info.streamARN()).isEqualTo(arn);
    assertThat(info.deviceName()).isEqualTo("porch");
    assertThat(info.mediaType()).isEqualTo("video/h264");
    assertThat(info.dataRetentionInHours()).isEqualTo(24);
    assertThat(info.statusAsString()).isEqualTo("ACTIVE");
    assertThat(info.creationTime()).isNotNull();
    assertThat(kvs.describeStream(r -> r.streamARN(arn)).streamInfo().streamName()).isEqualTo("cp-cam-1");

    kvs.updateDataRetention(r -> r.streamARN(arn).currentVersion(info.version())
        .operation(UpdateDataRetentionOperation.INCREASE_DATA_RETENTION).dataRetentionChangeInHours(24));
    StreamInfo updated = kvs.describeStream(r -> r.streamARN(arn)).streamInfo();
    assertThat(updated.dataRetentionInHours()).isEqualTo(48);
    assertThat(updated.version()).isNotEqualTo(info.version());
    assertThatThrownBy(() -> kvs.updateDataRetention(r -> r.streamARN(arn).currentVersion(info.version())
        .operation(UpdateDataRetentionOperation.DECREASE_DATA_RETENTION).dataRetentionChangeInHours(1)))
        .isInstanceOf(VersionMismatchException.class);

    kvs.tagStream(r -> r.streamARN(arn).tags(Map.of("floor", "1")));
    assertThat(kvs.listTagsForStream(r -> r.streamARN(arn)).tags()).containsEntry("site", "home").containsEntry("floor", "1");
    kvs.untagStream(r -> r.streamARN(arn).tagKeyList("site"));
    assertThat(kvs.listTagsForStream(r -> r.streamName("cp-cam-1")).tags()).containsOnlyKeys("floor");

    for (APIName api : List.of(APIName.PUT_MEDIA, APIName.GET_MEDIA, APIName.LIST_FRAGMENTS)) {
      String endpoint = kvs.getDataEndpoint(r -> r.streamName("cp-cam-1").apiName(api)).dataEndpoint();
      assertThat(endpoint).isEqualTo(argus.endpoint().toString());
    }

    String version = kvs.describeStream(r -> r.streamARN(arn)).streamInfo().version();
    kvs.deleteStream(r -> r.streamARN(arn).currentVersion(version));
    assertThatThrownBy(() -> kvs.describeStream(r -> r.streamName("cp-cam-1"))).isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void listStreamsPagesAndFiltersByPrefix() {
    for (int i = 0; i < 7; i++) {
      int n = i;
      kvs.createStream(r -> r.streamName("list-" + n).dataRetentionInHours(0));
    }
    kvs.createStream(r -> r.streamName("other-1"));
    List<String> names = kvs.listStreamsPaginator(r -> r.maxResults(3).streamNameCondition(c -> c
            .comparisonOperator(ComparisonOperator.BEGINS_WITH).comparisonValue("list-")))
        .streamInfoList().stream().map(StreamInfo::streamName).toList();
    assertThat(names).containsExactly("list-0", "list-1", "list-2", "list-3", "list-4", "list-5", "list-6");
  }

  @Test
  void errorsHaveTheirAwsNames() {
    kvs.createStream(r -> r.streamName("err-cam"));
    assertThatThrownBy(() -> kvs.createStream(r -> r.streamName("err-cam"))).isInstanceOf(ResourceInUseException.class);
    assertThatThrownBy(() -> kvs.createStream(r -> r.streamName("bad name!"))).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> kvs.describeStream(r -> r.streamName("no-such-cam"))).isInstanceOf(ResourceNotFoundException.class);
  }
}
