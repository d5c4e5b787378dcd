package dev.argus.it;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesisvideo.KinesisVideoClient;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.KinesisVideoArchivedMediaClient;
import software.amazon.awssdk.services.kinesisvideomedia.KinesisVideoMediaClient;
import software.amazon.awssdk.services.rekognition.RekognitionClient;

/**
 * Real AWS SDK v2 clients pointed at a local Argus, with retries off so every error is seen.
 * Sync clients use the Apache client (HTTP/1.1); async clients use the Netty client, which speaks
 * h2c with prior knowledge to an {@code http://} endpoint.
 */
public final class Clients {

  public static final StaticCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDARGUSTEST", "argus-test-secret"));
  public static final Region REGION = Region.US_EAST_1;

  private Clients() {
  }

  public static ClientOverrideConfiguration noRetries() {
    return ClientOverrideConfiguration.builder()
        .retryStrategy(RetryMode.STANDARD)
        .retryStrategy(b -> b.maxAttempts(1))
        .apiCallTimeout(Duration.ofSeconds(30))
        .build();
  }

  public static KinesisClient kinesis(URI endpoint) {
    return KinesisClient.builder().endpointOverride(endpoint).region(REGION).credentialsProvider(CREDENTIALS)
        .httpClientBuilder(ApacheHttpClient.builder()).overrideConfiguration(noRetries()).build();
  }

  public static KinesisVideoClient kinesisVideo(URI endpoint) {
    return KinesisVideoClient.builder().endpointOverride(endpoint).region(REGION).credentialsProvider(CREDENTIALS)
        .httpClientBuilder(ApacheHttpClient.builder()).overrideConfiguration(noRetries()).build();
  }

  public static KinesisVideoMediaClient kinesisVideoMedia(URI endpoint) {
    return KinesisVideoMediaClient.builder().endpointOverride(endpoint).region(REGION).credentialsProvider(CREDENTIALS)
        .httpClientBuilder(ApacheHttpClient.builder()).overrideConfiguration(noRetries()).build();
  }

  public static KinesisVideoArchivedMediaClient kinesisVideoArchivedMedia(URI endpoint) {
    return KinesisVideoArchivedMediaClient.builder().endpointOverride(endpoint).region(REGION)
        .credentialsProvider(CREDENTIALS).httpClientBuilder(ApacheHttpClient.builder())
        .overrideConfiguration(noRetries()).build();
  }

  public static KinesisAsyncClient kinesisAsync(URI endpoint) {
    return KinesisAsyncClient.builder().endpointOverride(endpoint).region(REGION).credentialsProvider(CREDENTIALS)
        .httpClientBuilder(NettyNioAsyncHttpClient.builder()).overrideConfiguration(noRetries()).build();
  }

  public static RekognitionClient rekognition(URI endpoint) {
    return RekognitionClient.builder().endpointOverride(endpoint).region(REGION).credentialsProvider(CREDENTIALS)
        .httpClientBuilder(ApacheHttpClient.builder()).overrideConfiguration(noRetries()).build();
  }

  /** Closes each of {@code resources} that is not null, in order: an IT's clients, then its server. */
  public static void closeAll(AutoCloseable... resources) throws Exception {
    for (AutoCloseable resource : resources) {
      if (resource != null) {
        resource.close();
      }
    }
  }
}
