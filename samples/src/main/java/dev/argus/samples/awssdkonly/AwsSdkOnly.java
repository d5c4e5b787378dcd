package dev.argus.samples.awssdkonly;

import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import software.amazon.awssdk.services.kinesisvideo.KinesisVideoClient;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.FaceRecord;
import software.amazon.awssdk.services.rekognition.model.Image;

/**
 * Unmodified AWS SDK v2 code against Argus: the only Argus-specific line is the
 * {@code endpointOverride}. Creates a Kinesis Video stream, a Kinesis data stream (puts and reads
 * back a record) and a Rekognition face collection (indexes the face of an image).
 *
 * <pre>java -cp samples.jar dev.argus.samples.awssdkonly.AwsSdkOnly http://127.0.0.1:4566 face.jpg</pre>
 *
 * Not thread-safe; one run at a time.
 */
public final class AwsSdkOnly {

  /** What one run did, for callers and tests. */
  public record Result(String videoStreamArn, String dataStreamArn, List<String> recordsRead, String collectionArn,
                       String faceId) {
  }

  private static final StaticCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "argus-accepts-any-secret"));

  private AwsSdkOnly() {
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: AwsSdkOnly ENDPOINT FACE.jpg");
      System.exit(2);
    }
    run(URI.create(args[0]), Files.readAllBytes(Path.of(args[1])), "sample", System.out);
  }

  /** Runs the whole tour with names starting with {@code prefix}; prints each step to {@code out}. */
  public static Result run(URI endpoint, byte[] faceImage, String prefix, PrintStream out) throws InterruptedException {
    try (KinesisVideoClient video = KinesisVideoClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
            .credentialsProvider(CREDENTIALS).httpClientBuilder(ApacheHttpClient.builder()).build();
         KinesisClient kinesis = KinesisClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
            .credentialsProvider(CREDENTIALS).httpClientBuilder(ApacheHttpClient.builder()).build();
         RekognitionClient rekognition = RekognitionClient.builder().endpointOverride(endpoint)
            .region(Region.US_EAST_1).credentialsProvider(CREDENTIALS)
            .httpClientBuilder(ApacheHttpClient.builder()).build()) {
      String videoArn = video.createStream(b -> b.streamName(prefix + "-camera").dataRetentionInHours(24)
          .mediaType("video/h264")).streamARN();
      out.println("kinesisvideo CreateStream: " + videoArn);

      String dataArn = createDataStream(kinesis, prefix + "-events");
      out.println("kinesis CreateStream: " + dataArn);
      List<String> read = putAndGet(kinesis, prefix + "-events", out);

      String collectionArn = rekognition.createCollection(b -> b.collectionId(prefix + "-people")).collectionArn();
      out.println("rekognition CreateCollection: " + collectionArn);
      List<FaceRecord> faces = rekognition.indexFaces(b -> b.collectionId(prefix + "-people")
          .externalImageId("person-1").image(Image.builder().bytes(SdkBytes.fromByteArray(faceImage)).build())
          .maxFaces(1)).faceRecords();
      if (faces.isEmpty()) {
        throw new IllegalStateException("no face indexed from the image");
      }
      String faceId = faces.get(0).face().faceId();
      out.println("rekognition IndexFaces: " + faceId + " box " + faces.get(0).face().boundingBox());
      return new Result(videoArn, dataArn, read, collectionArn, faceId);
    }
  }

  private static String createDataStream(KinesisClient kinesis, String name) throws InterruptedException {
    kinesis.createStream(b -> b.streamName(name).shardCount(1));
    for (int i = 0; i < 100; i++) {
      var description = kinesis.describeStreamSummary(b -> b.streamName(name)).streamDescriptionSummary();
      if (description.streamStatus() == StreamStatus.ACTIVE) {
        return description.streamARN();
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("stream " + name + " did not become ACTIVE");
  }

  private static List<String> putAndGet(KinesisClient kinesis, String name, PrintStream out) {
    for (String text : List.of("hello", "from", "the AWS SDK")) {
      String seq = kinesis.putRecord(b -> b.streamName(name).partitionKey("p")
          .data(SdkBytes.fromString(text, StandardCharsets.UTF_8))).sequenceNumber();
      out.println("kinesis PutRecord: " + seq);
    }
    String shardId = kinesis.listShards(b -> b.streamName(name)).shards().get(0).shardId();
    String iterator = kinesis.getShardIterator(b -> b.streamName(name).shardId(shardId)
        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
    List<String> texts = kinesis.getRecords(b -> b.shardIterator(iterator)).records().stream()
        .map(Record::data).map(d -> d.asUtf8String()).toList();
    out.println("kinesis GetRecords: " + texts);
    return texts;
  }
}
