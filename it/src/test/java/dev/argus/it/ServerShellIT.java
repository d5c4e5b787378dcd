package dev.argus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.KinesisException;

/**
 * The packaged server as users run it: a child process, real SDK clients, HTTP/1.1 and h2c.
 * GetResourcePolicy stands in for an operation Argus does not serve, to check that the SDK reads
 * our error shape in both CBOR (its default) and JSON.
 */
class ServerShellIT {

  @TempDir
  static Path dataDir;

  private static ArgusProcess argus;

  @BeforeAll
  static void start() throws Exception {
    argus = ArgusProcess.start(dataDir);
  }

  @AfterAll
  static void stop() throws Exception {
    if (argus != null) {
      argus.close();
    }
  }

  @Test
  void healthAnswers() throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(argus.endpoint().resolve("/health")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"status\":\"ok\"");
  }

  @Test
  void syncSdkClientReadsCborErrorOverHttp11() {
    try (KinesisClient kinesis = Clients.kinesis(argus.endpoint())) {
      assertThatThrownBy(() -> kinesis.getResourcePolicy(r -> r.resourceARN("arn:aws:kinesis:us-east-1:000000000000:stream/x")))
          .isInstanceOfSatisfying(KinesisException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnknownOperationException");
            assertThat(e.requestId()).isNotBlank();
          });
    }
  }

  @Test
  void asyncSdkClientReadsCborErrorOverH2c() {
    try (KinesisAsyncClient kinesis = Clients.kinesisAsync(argus.endpoint())) {
      assertThatThrownBy(() -> kinesis.getResourcePolicy(r -> r.resourceARN("arn:aws:kinesis:us-east-1:000000000000:stream/x")).join())
          .isInstanceOf(CompletionException.class)
          .cause()
          .isInstanceOfSatisfying(KinesisException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnknownOperationException");
          });
    }
  }

  @Test
  void sigtermStopsCleanlyAndReleasesTheDataDirectory() throws Exception {
    Path ownDir = Files.createTempDirectory("argus-shell-it");
    ArgusProcess own = ArgusProcess.start(ownDir);
    try {
      assertThat(own.terminate()).as("exit code after SIGTERM").isZero();
      assertThat(own.logText()).contains("stopped");
    } finally {
      own.close();
    }
    try (ArgusProcess again = ArgusProcess.start(ownDir)) {
      assertThat(again.endpoint().getPort()).isPositive();
    }
  }
}
