package dev.argus.app.faces;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesisvideo.KinesisVideoClient;
import software.amazon.awssdk.services.kinesisvideo.model.APIName;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.KinesisVideoArchivedMediaClient;
import software.amazon.awssdk.services.rekognition.RekognitionClient;

/**
 * The AWS SDK v2 sync clients {@code argus faces analyze} uses: Kinesis Video (GetDataEndpoint),
 * Kinesis Video Archived Media (ListFragments, GetMediaForFragmentList) at the data endpoint the
 * server names, and Rekognition (DescribeCollection, SearchFacesByImage). Thread-safe, as the
 * SDK's clients are; {@link #close()} closes them all.
 */
record AnalyzeClients(KinesisVideoClient video, KinesisVideoArchivedMediaClient archive,
                      RekognitionClient rekognition) implements AutoCloseable {

  /** Argus does not check signatures yet; the SDK still needs some credentials to sign with. */
  private static final StaticCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDARGUSCLI", "argus-cli"));

  /**
   * Opens the clients for {@code stream} at {@code endpoint}.
   *
   * @throws software.amazon.awssdk.services.kinesisvideo.model.ResourceNotFoundException when the
   *     stream does not exist
   */
  static AnalyzeClients open(URI endpoint, String stream) {
    KinesisVideoClient video = KinesisVideoClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
        .credentialsProvider(CREDENTIALS).httpClientBuilder(ApacheHttpClient.builder()).build();
    RekognitionClient rekognition = RekognitionClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
        .credentialsProvider(CREDENTIALS).httpClientBuilder(ApacheHttpClient.builder()).build();
    try {
      String data = video.getDataEndpoint(r -> r.streamName(stream).apiName(APIName.LIST_FRAGMENTS)).dataEndpoint();
      KinesisVideoArchivedMediaClient archive = KinesisVideoArchivedMediaClient.builder()
          .endpointOverride(URI.create(data)).region(Region.US_EAST_1).credentialsProvider(CREDENTIALS)
          .httpClientBuilder(ApacheHttpClient.builder()).build();
      return new AnalyzeClients(video, archive, rekognition);
    } catch (RuntimeException e) {
      video.close();
      rekognition.close();
      throw e;
    }
  }

  @Override
  public void close() {
    video.close();
    archive.close();
    rekognition.close();
  }
}
