package dev.argus.faces.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.argus.awshttp.api.AwsException;
import dev.argus.awshttp.api.AwsRequest;
import dev.argus.awshttp.api.AwsResponse;
import dev.argus.awshttp.api.Operation;
import dev.argus.awshttp.api.RequestHead;
import dev.argus.awshttp.api.UnaryOperation;
import dev.argus.awshttp.protocol.Protocol;
import dev.argus.faces.analysis.FaceAnalyzer;
import dev.argus.faces.collection.FaceCollections;
import dev.argus.faces.detect.YunetFaceDetector;
import dev.argus.faces.embed.LbpFaceEmbedder;
import dev.argus.faces.testing.TestImages;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API end to end below HTTP: real detector, embedder and collections on disk. */
class RekognitionApiTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);

  @TempDir
  Path dir;
  private FaceCollections collections;
  private FaceAnalyzer analyzer;
  private RekognitionApi api;

  @BeforeEach
  void open() throws Exception {
    collections = FaceCollections.open(dir, CLOCK, "us-east-1", "000000000000", 1000);
    analyzer = new FaceAnalyzer(YunetFaceDetector.withDefaults(), new LbpFaceEmbedder(), 2, 4);
    api = new RekognitionApi(collections, analyzer);
  }

  @AfterEach
  void close() {
    analyzer.close();
    collections.close();
  }

  private JsonNode call(String op, ObjectNode body) throws Exception {
    DefaultHttpHeaders headers = new DefaultHttpHeaders();
    headers.set(RequestHead.TARGET_HEADER, "RekognitionService." + op);
    headers.set("Content-Type", "application/x-amz-json-1.1");
    RequestHead head = new RequestHead(HttpMethod.POST, "/", "", headers, "req-1");
    Optional<Operation> operation = api.resolve(head);
    assertThat(operation).isPresent();
    try {
      AwsResponse response = ((UnaryOperation) operation.get())
          .handle(new AwsRequest(head, Protocol.AWS_JSON_1_1, body)).toCompletableFuture().get(60, TimeUnit.SECONDS);
      return JSON.readTree(Protocol.AWS_JSON_1_1.encode(((AwsResponse.Document) response).body()));
    } catch (ExecutionException e) {
      throw (Exception) e.getCause();
    }
  }

  private static ObjectNode body() {
    return JSON.createObjectNode();
  }

  private static ObjectNode withImage(ObjectNode body, byte[] image) {
    body.putObject("Image").put("Bytes", image);
    return body;
  }

  private static String errorOf(ThrowingCall call) {
    try {
      call.run();
    } catch (AwsException e) {
      return e.type().name();
    } catch (Exception e) {
      return "unexpected " + e;
    }
    return "no error";
  }

  interface ThrowingCall {
    void run() throws Exception;
  }

  @Test
  void managesCollections() throws Exception {
    JsonNode created = call("CreateCollection", body().put("CollectionId", "staff"));
    assertThat(created.get("StatusCode").asInt()).isEqualTo(200);
    assertThat(created.get("CollectionArn").asText()).isEqualTo("aws:rekognition:us-east-1:000000000000:collection/staff");
    assertThat(created.get("FaceModelVersion").asText()).isEqualTo(LbpFaceEmbedder.MODEL_VERSION);
    assertThat(errorOf(() -> call("CreateCollection", body().put("CollectionId", "staff"))))
        .isEqualTo("ResourceAlreadyExistsException");
    call("CreateCollection", body().put("CollectionId", "visitors"));
    call("CreateCollection", body().put("CollectionId", "x"));
    JsonNode described = call("DescribeCollection", body().put("CollectionId", "staff"));
    assertThat(described.get("FaceCount").asLong()).isZero();
    assertThat(described.get("CollectionARN").asText()).endsWith("collection/staff");
    assertThat(described.get("CreationTimestamp").decimalValue().longValue()).isEqualTo(CLOCK.instant().getEpochSecond());
    JsonNode page1 = call("ListCollections", body().put("MaxResults", 2));
    assertThat(page1.get("CollectionIds")).extracting(JsonNode::asText).containsExactly("staff", "visitors");
    JsonNode page2 = call("ListCollections", body().put("NextToken", page1.get("NextToken").asText()));
    assertThat(page2.get("CollectionIds")).extracting(JsonNode::asText).containsExactly("x");
    assertThat(page2.has("NextToken")).isFalse();
    assertThat(errorOf(() -> call("ListCollections", body().put("NextToken", "bogus"))))
        .isEqualTo("InvalidPaginationTokenException");
    call("DeleteCollection", body().put("CollectionId", "visitors"));
    assertThat(errorOf(() -> call("DescribeCollection", body().put("CollectionId", "visitors"))))
        .isEqualTo("ResourceNotFoundException");
    assertThat(errorOf(() -> call("CreateCollection", body().put("CollectionId", "no spaces"))))
        .isEqualTo("InvalidParameterException");
  }

  @Test
  void indexesSearchesListsAndDeletesFaces() throws Exception {
    call("CreateCollection", body().put("CollectionId", "c"));
    JsonNode grace = call("IndexFaces", withImage(body().put("CollectionId", "c").put("ExternalImageId", "grace"),
        TestImages.bytes("grace_hopper.jpg")));
    assertThat(grace.get("FaceRecords")).hasSize(1);
    JsonNode record = grace.get("FaceRecords").get(0);
    String graceId = record.get("Face").get("FaceId").asText();
    assertThat(record.get("Face").get("ExternalImageId").asText()).isEqualTo("grace");
    assertThat(record.get("FaceDetail").get("Landmarks")).hasSize(5);
    assertThat(record.get("FaceDetail").get("Landmarks").get(0).get("Type").asText()).isEqualTo("eyeLeft");
    assertThat(record.get("FaceDetail").get("Pose").has("Yaw")).isTrue();
    assertThat(record.get("FaceDetail").get("Quality").get("Sharpness").floatValue()).isPositive();
    JsonNode astronaut = call("IndexFaces", withImage(body().put("CollectionId", "c").put("ExternalImageId", "eileen"),
        TestImages.bytes("astronaut.png")));
    String astronautId = astronaut.get("FaceRecords").get(0).get("Face").get("FaceId").asText();
    assertThat(call("DescribeCollection", body().put("CollectionId", "c")).get("FaceCount").asLong()).isEqualTo(2);

    JsonNode byImage = call("SearchFacesByImage", withImage(body().put("CollectionId", "c"),
        TestImages.bytes("grace_hopper.jpg")));
    assertThat(byImage.get("FaceMatches")).hasSize(1);
    assertThat(byImage.get("FaceMatches").get(0).get("Face").get("FaceId").asText()).isEqualTo(graceId);
    assertThat(byImage.get("FaceMatches").get(0).get("Similarity").floatValue()).isGreaterThan(99f);
    assertThat(byImage.get("SearchedFaceBoundingBox").get("Width").floatValue()).isBetween(0.3f, 0.36f);

    JsonNode byId = call("SearchFaces", body().put("CollectionId", "c").put("FaceId", graceId)
        .put("FaceMatchThreshold", 0));
    assertThat(byId.get("SearchedFaceId").asText()).isEqualTo(graceId);
    assertThat(byId.get("FaceMatches")).extracting(m -> m.get("Face").get("FaceId").asText())
        .containsExactly(astronautId);
    JsonNode strict = call("SearchFaces", body().put("CollectionId", "c").put("FaceId", graceId));
    assertThat(strict.get("FaceMatches")).as("two different people at the default threshold 80").isEmpty();

    JsonNode listed = call("ListFaces", body().put("CollectionId", "c").put("MaxResults", 1));
    assertThat(listed.get("Faces")).hasSize(1);
    JsonNode rest = call("ListFaces", body().put("CollectionId", "c").put("NextToken", listed.get("NextToken").asText()));
    assertThat(rest.get("Faces")).hasSize(1);
    assertThat(rest.has("NextToken")).isFalse();

    String unknown = "00000000-0000-0000-0000-000000000001";
    JsonNode deleted = call("DeleteFaces", body().put("CollectionId", "c").set("FaceIds",
        JSON.createArrayNode().add(graceId).add(unknown)));
    assertThat(deleted.get("DeletedFaces")).extracting(JsonNode::asText).containsExactly(graceId);
    assertThat(deleted.get("UnsuccessfulFaceDeletions").get(0).get("FaceId").asText()).isEqualTo(unknown);
    assertThat(errorOf(() -> call("SearchFaces", body().put("CollectionId", "c").put("FaceId", graceId))))
        .isEqualTo("ResourceNotFoundException");
    assertThat(errorOf(() -> call("SearchFaces", body().put("CollectionId", "c").put("FaceId", "nope"))))
        .isEqualTo("InvalidParameterException");
  }

  @Test
  void indexFacesHonoursMaxFacesAndReportsUnindexedFaces() throws Exception {
    call("CreateCollection", body().put("CollectionId", "c"));
    byte[] frame = TestImages.encodeVideoFrameJpeg(8.5);
    JsonNode none = call("IndexFaces", withImage(body().put("CollectionId", "c"), frame));
    assertThat(none.get("FaceRecords")).isEmpty();
    assertThat(none.get("UnindexedFaces")).hasSize(2)
        .allSatisfy(u -> assertThat(u.get("Reasons")).extracting(JsonNode::asText).contains("EXTREME_POSE"));
    JsonNode one = call("IndexFaces", withImage(body().put("CollectionId", "c").put("QualityFilter", "NONE")
        .put("MaxFaces", 1), frame));
    assertThat(one.get("FaceRecords")).hasSize(1);
    assertThat(one.get("UnindexedFaces")).hasSize(1);
    assertThat(one.get("UnindexedFaces").get(0).get("Reasons")).extracting(JsonNode::asText)
        .containsExactly("EXCEEDS_MAX_FACES");
  }

  @Test
  void detectFacesFindsEveryFace() throws Exception {
    JsonNode detected = call("DetectFaces", withImage(body(), TestImages.encodeVideoFrameJpeg(8.5)));
    assertThat(detected.get("FaceDetails")).hasSize(2);
    assertThat(detected.get("FaceDetails").get(0).get("Confidence").floatValue()).isBetween(80f, 100f);
  }

  @Test
  void rejectsBadImagesAsRekognitionNamesThem() throws Exception {
    call("CreateCollection", body().put("CollectionId", "c"));
    ObjectNode s3 = body().put("CollectionId", "c");
    s3.putObject("Image").putObject("S3Object").put("Bucket", "b").put("Name", "n.jpg");
    assertThatThrownBy(() -> call("IndexFaces", s3)).isInstanceOf(AwsException.class)
        .hasMessageContaining("S3 tier");
    byte[] big = Arrays.copyOf(TestImages.bytes("grace_hopper.jpg"), 5 * 1024 * 1024 + 1);
    assertThat(errorOf(() -> call("DetectFaces", withImage(body(), big)))).isEqualTo("ImageTooLargeException");
    assertThat(errorOf(() -> call("DetectFaces", withImage(body(), "GIF89a....".getBytes()))))
        .isEqualTo("InvalidImageFormatException");
    byte[] blank = TestImages.blankJpeg();
    assertThat(errorOf(() -> call("SearchFacesByImage", withImage(body().put("CollectionId", "c"), blank))))
        .isEqualTo("InvalidParameterException");
    assertThat(errorOf(() -> call("IndexFaces", withImage(body().put("CollectionId", "missing"), blank))))
        .isEqualTo("ResourceNotFoundException");
    assertThat(errorOf(() -> call("IndexFaces", withImage(body().put("CollectionId", "c")
        .put("QualityFilter", "SUPERB"), blank)))).isEqualTo("InvalidParameterException");
    assertThat(errorOf(() -> call("IndexFaces", body().put("CollectionId", "c")))).isEqualTo("InvalidParameterException");
  }

  @Test
  void randomBodiesGetRekognitionErrorsNeverCrashes() throws Exception {
    call("CreateCollection", body().put("CollectionId", "c"));
    String[] ops = {"CreateCollection", "DescribeCollection", "ListCollections", "DeleteCollection", "IndexFaces",
        "ListFaces", "DeleteFaces", "SearchFaces", "SearchFacesByImage", "DetectFaces"};
    String[] members = {"CollectionId", "FaceId", "FaceIds", "MaxFaces", "MaxResults", "NextToken",
        "FaceMatchThreshold", "QualityFilter", "ExternalImageId", "Image", "Attributes"};
    java.util.Random random = new java.util.Random(2026);
    int errors = 0;
    for (int i = 0; i < 300; i++) {
      ObjectNode body = body();
      for (int m = random.nextInt(4); m > 0; m--) {
        String member = members[random.nextInt(members.length)];
        switch (random.nextInt(6)) {
          case 0 -> body.put(member, random.nextInt(10_000) - 100);
          case 1 -> body.put(member, random.nextBoolean() ? "c" : Long.toHexString(random.nextLong()));
          case 2 -> body.putArray(member).add(random.nextInt()).add("x");
          case 3 -> body.putObject(member).put("Bytes", new byte[] {(byte) random.nextInt(), 1, 2});
          case 4 -> body.put(member, random.nextDouble() * 300 - 100);
          default -> body.putNull(member);
        }
      }
      String op = ops[random.nextInt(ops.length)];
      if (op.equals("DeleteCollection") && "c".equals(body.path("CollectionId").asText())) {
        continue; // keep the one collection the others probe
      }
      try {
        call(op, body);
      } catch (AwsException expected) {
        errors++;
        assertThat(expected.type().httpStatus()).as(op + " " + body).isEqualTo(400);
      }
    }
    assertThat(errors).isGreaterThan(100);
  }

  @Test
  void ownsOnlyRekognitionTargetsAndRefusesUnknownOperations() throws Exception {
    DefaultHttpHeaders kinesis = new DefaultHttpHeaders();
    kinesis.set(RequestHead.TARGET_HEADER, "Kinesis_20131202.PutRecord");
    assertThat(api.resolve(new RequestHead(HttpMethod.POST, "/", "", kinesis, "r"))).isEmpty();
    assertThat(api.resolve(new RequestHead(HttpMethod.POST, "/createStream", "", new DefaultHttpHeaders(), "r"))).isEmpty();
    assertThat(errorOf(() -> call("RecognizeCelebrities", body()))).isEqualTo("UnknownOperationException");
  }
}
