package dev.argus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.KinesisException;

/**
 * The SDK with CBOR off ({@code aws.cborEnabled=false}), as kinesalite users run it: the same
 * errors must come back as awsJson1.1. Failsafe runs each test class in its own JVM, so the
 * system property does not leak into the CBOR tests.
 */
class JsonModeIT {

  @TempDir
  static Path dataDir;

  private static ArgusProcess argus;

  @BeforeAll
  static void start() throws Exception {
    System.setProperty("aws.cborEnabled", "false");
    argus = ArgusProcess.start(dataDir);
  }

  @AfterAll
  static void stop() throws Exception {
    System.clearProperty("aws.cborEnabled");
    if (argus != null) {
      argus.close();
    }
  }

  @Test
  void syncSdkClientReadsJsonError() {
    try (KinesisClient kinesis = Clients.kinesis(argus.endpoint())) {
      assertThatThrownBy(() -> kinesis.getResourcePolicy(r -> r.resourceARN("arn:aws:kinesis:us-east-1:000000000000:stream/x")))
          .isInstanceOfSatisfying(KinesisException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnknownOperationException");
          });
    }
  }
}
