package dev.argus.app.demo;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesisvideo.KinesisVideoClient;
import software.amazon.awssdk.services.kinesisvideomedia.KinesisVideoMediaClient;
import software.amazon.awssdk.services.rekognition.RekognitionClient;

/**
 * The AWS SDK v2 sync clients (Apache HTTP) the demo drives its own server with. Thread-safe, as
 * the SDK's clients are; {@link #close()} closes them all.
 */
public record DemoClients(KinesisVideoClient video, KinesisVideoMediaClient media, KinesisClient kinesis,
                   RekognitionClient rekognition) implements AutoCloseable {

  private static final StaticCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDARGUSDEMO", "argus-demo"));

  public static DemoClients open(URI endpoint) {
    return new DemoClients(
        KinesisVideoClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
            .credentialsProvider(CREDENTIALS).httpClientBuilder(ApacheHttpClient.builder()).build(),
        KinesisVideoMediaClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
            .credentialsProvider(CREDENTIALS).httpClientBuilder(ApacheHttpClient.builder()).build(),
        KinesisClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
            .credentialsProvider(CREDENTIALS).httpClientBuilder(ApacheHttpClient.builder()).build(),
        RekognitionClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
            .credentialsProvider(CREDENTIALS).httpClientBuilder(ApacheHttpClient.builder()).build());
  }

  @Override
  public void close() {
    video.close();
    media.close();
    kinesis.close();
    rekognition.close();
  }
}
