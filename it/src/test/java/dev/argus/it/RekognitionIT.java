package dev.argus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.Attribute;
import software.amazon.awssdk.services.rekognition.model.CreateCollectionResponse;
import software.amazon.awssdk.services.rekognition.model.DeleteFacesResponse;
import software.amazon.awssdk.services.rekognition.model.DescribeCollectionResponse;
import software.amazon.awssdk.services.rekognition.model.DetectFacesResponse;
import software.amazon.awssdk.services.rekognition.model.FaceDetail;
import software.amazon.awssdk.services.rekognition.model.Image;
import software.amazon.awssdk.services.rekognition.model.ImageTooLargeException;
import software.amazon.awssdk.services.rekognition.model.IndexFacesResponse;
import software.amazon.awssdk.services.rekognition.model.InvalidImageFormatException;
import software.amazon.awssdk.services.rekognition.model.InvalidParameterException;
import software.amazon.awssdk.services.rekognition.model.LandmarkType;
import software.amazon.awssdk.services.rekognition.model.ListCollectionsResponse;
import software.amazon.awssdk.services.rekognition.model.ListFacesResponse;
import software.amazon.awssdk.services.rekognition.model.QualityFilter;
import software.amazon.awssdk.services.rekognition.model.Reason;
import software.amazon.awssdk.services.rekognition.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.rekognition.model.ResourceNotFoundException;
import software.amazon.awssdk.services.rekognition.model.SearchFacesByImageResponse;
import software.amazon.awssdk.services.rekognition.model.SearchFacesResponse;

/**
 * Rekognition's image and collection operations through the unmodified SDK v2 RekognitionClient,
 * with the public-domain test photos of face-detect, and a restart to show collections persist.
 */
class RekognitionIT {

  private static final Path IMAGES = Path.of("..", "face-detect", "src", "test", "resources", "dev", "argus", "faces",
      "images");

  @TempDir
  Path dataDir;

  private static Image image(String name) {
    try {
      return Image.builder().bytes(SdkBytes.fromByteArray(Files.readAllBytes(IMAGES.resolve(name)))).build();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void everyOperationThroughTheSdkAndAcrossARestart() throws Exception {
    String graceId;
    String eileenId;
    try (ArgusProcess argus = ArgusProcess.start(dataDir);
         RekognitionClient rek = Clients.rekognition(argus.endpoint())) {
      CreateCollectionResponse created = rek.createCollection(r -> r.collectionId("staff"));
      assertThat(created.statusCode()).isEqualTo(200);
      assertThat(created.collectionArn()).endsWith(":collection/staff");
      assertThat(created.faceModelVersion()).isNotBlank();
      rek.createCollection(r -> r.collectionId("temp"));
      assertThatThrownBy(() -> rek.createCollection(r -> r.collectionId("staff")))
          .isInstanceOf(ResourceAlreadyExistsException.class);

      IndexFacesResponse grace = rek.indexFaces(r -> r.collectionId("staff").externalImageId("grace")
          .image(image("grace_hopper.jpg")).qualityFilter(QualityFilter.AUTO));
      assertThat(grace.faceRecords()).hasSize(1);
      graceId = grace.faceRecords().get(0).face().faceId();
      FaceDetail detail = grace.faceRecords().get(0).faceDetail();
      assertThat(detail.landmarks()).extracting(l -> l.type()).containsExactly(LandmarkType.EYE_LEFT,
          LandmarkType.EYE_RIGHT, LandmarkType.NOSE, LandmarkType.MOUTH_LEFT, LandmarkType.MOUTH_RIGHT);
      assertThat(detail.boundingBox().width()).isBetween(0.3f, 0.36f);
      assertThat(detail.pose().roll()).isBetween(-15f, 15f);
      assertThat(detail.quality().brightness()).isPositive();
      IndexFacesResponse eileen = rek.indexFaces(r -> r.collectionId("staff").externalImageId("eileen")
          .image(image("astronaut.png")).maxFaces(1));
      eileenId = eileen.faceRecords().get(0).face().faceId();
      assertThat(eileen.faceRecords().get(0).face().imageId()).isNotEqualTo(grace.faceRecords().get(0).face().imageId());

      DescribeCollectionResponse described = rek.describeCollection(r -> r.collectionId("staff"));
      assertThat(described.faceCount()).isEqualTo(2L);
      assertThat(described.collectionARN()).isEqualTo(created.collectionArn());
      assertThat(described.creationTimestamp()).isNotNull();

      ListCollectionsResponse first = rek.listCollections(r -> r.maxResults(1));
      assertThat(first.collectionIds()).containsExactly("staff");
      assertThat(rek.listCollections(r -> r.nextToken(first.nextToken())).collectionIds()).containsExactly("temp");
      rek.deleteCollection(r -> r.collectionId("temp"));
      assertThat(rek.listCollections(r -> { }).collectionIds()).containsExactly("staff");
      assertThatThrownBy(() -> rek.describeCollection(r -> r.collectionId("temp")))
          .isInstanceOf(ResourceNotFoundException.class);

      SearchFacesByImageResponse found = rek.searchFacesByImage(r -> r.collectionId("staff")
          .image(image("astronaut.png")).maxFaces(5));
      assertThat(found.faceMatches()).extracting(m -> m.face().externalImageId()).containsExactly("eileen");
      assertThat(found.faceMatches().get(0).similarity()).isGreaterThan(99f);
      assertThat(found.searchedFaceBoundingBox().width()).isPositive();

      SearchFacesResponse byId = rek.searchFaces(r -> r.collectionId("staff").faceId(graceId).faceMatchThreshold(0f));
      assertThat(byId.searchedFaceId()).isEqualTo(graceId);
      assertThat(byId.faceMatches()).extracting(m -> m.face().faceId()).containsExactly(eileenId);
      assertThat(rek.searchFaces(r -> r.collectionId("staff").faceId(graceId)).faceMatches()).isEmpty();

      DetectFacesResponse detected = rek.detectFaces(r -> r.image(image("grace_hopper.jpg")).attributes(Attribute.DEFAULT));
      assertThat(detected.faceDetails()).hasSize(1);

      byte[] tooBig = Arrays.copyOf(Files.readAllBytes(IMAGES.resolve("grace_hopper.jpg")), 5 * 1024 * 1024 + 1);
      assertThatThrownBy(() -> rek.detectFaces(r -> r.image(i -> i.bytes(SdkBytes.fromByteArray(tooBig)))))
          .isInstanceOf(ImageTooLargeException.class);
      assertThatThrownBy(() -> rek.detectFaces(r -> r.image(i -> i.bytes(SdkBytes.fromUtf8String("not an image")))))
          .isInstanceOf(InvalidImageFormatException.class);
      assertThatThrownBy(() -> rek.indexFaces(r -> r.collectionId("staff")
          .image(i -> i.s3Object(o -> o.bucket("photos").name("a.jpg")))))
          .isInstanceOf(InvalidParameterException.class).hasMessageContaining("S3 tier");
      assertThatThrownBy(() -> rek.indexFaces(r -> r.collectionId("nobody").image(image("astronaut.png"))))
          .isInstanceOf(ResourceNotFoundException.class);
    }

    try (ArgusProcess argus = ArgusProcess.start(dataDir);
         RekognitionClient rek = Clients.rekognition(argus.endpoint())) {
      ListFacesResponse listed = rek.listFaces(r -> r.collectionId("staff"));
      assertThat(listed.faces()).extracting(f -> f.faceId()).containsExactlyInAnyOrder(graceId, eileenId);
      assertThat(listed.faces()).extracting(f -> f.externalImageId()).containsExactlyInAnyOrder("grace", "eileen");
      SearchFacesByImageResponse found = rek.searchFacesByImage(r -> r.collectionId("staff")
          .image(image("grace_hopper.jpg")));
      assertThat(found.faceMatches()).extracting(m -> m.face().faceId()).containsExactly(graceId);

      DeleteFacesResponse deleted = rek.deleteFaces(r -> r.collectionId("staff")
          .faceIds(graceId, "00000000-0000-0000-0000-000000000000"));
      assertThat(deleted.deletedFaces()).containsExactly(graceId);
      assertThat(deleted.unsuccessfulFaceDeletions()).hasSize(1);
      assertThat(rek.listFaces(r -> r.collectionId("staff").maxResults(10)).faces())
          .extracting(f -> f.faceId()).containsExactly(eileenId);
      assertThatThrownBy(() -> rek.searchFacesByImage(r -> r.collectionId("staff")
          .image(image("grace_hopper.jpg")).faceMatchThreshold(101f)))
          .isInstanceOf(software.amazon.awssdk.services.rekognition.model.RekognitionException.class);
    }
    assertThat(List.of(Reason.EXCEEDS_MAX_FACES.toString())).containsExactly("EXCEEDS_MAX_FACES");
  }
}
