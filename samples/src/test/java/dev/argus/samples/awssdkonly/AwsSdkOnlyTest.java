package dev.argus.samples.awssdkonly;

import static org.assertj.core.api.Assertions.assertThat;

import dev.argus.app.server.ArgusServer;
import dev.argus.samples.ArgusServers;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AwsSdkOnlyTest {

  @Test
  void theUnmodifiedSdkCreatesStreamsMovesRecordsAndIndexesAFace(@TempDir Path dir) throws Exception {
    byte[] face;
    try (InputStream in = AwsSdkOnlyTest.class.getResourceAsStream("/dev/argus/samples/grace_hopper.jpg")) {
      face = in.readAllBytes();
    }
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try (ArgusServer server = ArgusServers.start(dir)) {
      AwsSdkOnly.Result result = AwsSdkOnly.run(ArgusServers.endpoint(server), face, "tour",
          new PrintStream(printed, true, StandardCharsets.UTF_8));
      assertThat(result.videoStreamArn()).startsWith("arn:aws:kinesisvideo:").contains(":stream/tour-camera/");
      assertThat(result.dataStreamArn()).startsWith("arn:aws:kinesis:").endsWith(":stream/tour-events");
      assertThat(result.recordsRead()).containsExactly("hello", "from", "the AWS SDK");
      assertThat(result.collectionArn()).contains("tour-people");
      assertThat(result.faceId()).matches("[0-9a-f-]{36}");
    }
    assertThat(printed.toString(StandardCharsets.UTF_8)).contains("rekognition IndexFaces: ");
  }
}
