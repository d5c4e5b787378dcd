package dev.argus.samples.webcamproducer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.argus.app.server.ArgusServer;
import dev.argus.producer.upload.UploadMetrics;
import dev.argus.samples.ArgusServers;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.KinesisVideoArchivedMediaClient;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.Fragment;

class WebcamProducerTest {

  @Test
  void uploadsAFileAsOneFragmentPerCluster(@TempDir Path dir) throws Exception {
    Path clip = Path.of(System.getProperty("argus.testdata"), "kvs", "clusters.mkv");
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try (ArgusServer server = ArgusServers.start(dir)) {
      URI endpoint = ArgusServers.endpoint(server);
      UploadMetrics.Snapshot done = WebcamProducer.run(endpoint, "front-door", clip.toString(), false,
          new PrintStream(printed, true, StandardCharsets.UTF_8));
      // clusters.mkv: 8 clusters of ~2 s starting at key frames, 444 blocks.
      assertThat(done.framesIn()).isEqualTo(444);
      assertThat(done.fragmentsPersisted()).isEqualTo(8);
      try (KinesisVideoArchivedMediaClient archived = KinesisVideoArchivedMediaClient.builder()
          .endpointOverride(endpoint).region(Region.US_EAST_1)
          .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "test")))
          .httpClientBuilder(ApacheHttpClient.builder()).build()) {
        List<Fragment> fragments = archived.listFragmentsPaginator(r -> r.streamName("front-door"))
            .fragments().stream().toList();
        assertThat(fragments).hasSize(8);
        assertThat(fragments).allMatch(f -> f.fragmentSizeInBytes() > 0 && f.fragmentLengthInMilliseconds() > 0);
        assertThat(printed.toString(StandardCharsets.UTF_8))
            .contains("persisted fragment " + fragments.get(0).fragmentNumber());
      }
    }
    assertThat(printed.toString(StandardCharsets.UTF_8)).contains("created video stream front-door");
  }
}
