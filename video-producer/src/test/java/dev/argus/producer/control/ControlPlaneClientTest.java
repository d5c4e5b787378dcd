package dev.argus.producer.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.argus.awshttp.server.HttpServer;
import dev.argus.awshttp.server.ServerConfig;
import dev.argus.fragmentstore.VideoStreamsModule;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against the real Kinesis Video control plane on an ephemeral loopback port. */
class ControlPlaneClientTest {

  @TempDir
  Path dir;

  private VideoStreamsModule video;
  private HttpServer http;
  private ControlPlaneClient client;

  @BeforeEach
  void start() throws Exception {
    video = VideoStreamsModule.open(dir, Clock.systemUTC(), VideoStreamsModule.DEFAULT_REGION,
        VideoStreamsModule.DEFAULT_ACCOUNT);
    http = HttpServer.start(ServerConfig.defaults("127.0.0.1", 0), List.of(video.api()));
    client = new ControlPlaneClient(URI.create(http.baseUrl()));
  }

  @AfterEach
  void stop() throws Exception {
    http.close();
    video.close();
  }

  @Test
  void createsOnceAndFindsTheStreamAndItsPutMediaEndpoint() throws Exception {
    assertThat(client.streamExists("door")).isFalse();
    assertThat(client.createStream("door", 24)).isTrue();
    assertThat(client.createStream("door", 24)).isFalse();
    assertThat(client.streamExists("door")).isTrue();
    URI endpoint = client.putMediaEndpoint("door");
    assertThat(endpoint.getPort()).isEqualTo(URI.create(http.baseUrl()).getPort());
  }

  @Test
  void errorsCarryTheAwsErrorType() {
    assertThatThrownBy(() -> client.putMediaEndpoint("missing"))
        .isInstanceOfSatisfying(ControlPlaneException.class, e -> {
          assertThat(e.errorType()).isEqualTo("ResourceNotFoundException");
          assertThat(e.status()).isEqualTo(404);
        });
    assertThatThrownBy(() -> client.createStream("bad name!", 24))
        .isInstanceOfSatisfying(ControlPlaneException.class, e -> assertThat(e.status()).isEqualTo(400));
  }

  @Test
  void anUnreachableEndpointIsATransportError() {
    ControlPlaneClient nowhere = new ControlPlaneClient(URI.create("http://127.0.0.1:1"));
    assertThatThrownBy(() -> nowhere.streamExists("x"))
        .isInstanceOfSatisfying(ControlPlaneException.class, e -> assertThat(e.status()).isEqualTo(-1));
  }
}
