package dev.argus.faces.api;

import dev.argus.faces.collection.FaceRecord;
import dev.argus.faces.detect.BoundingBox;
import dev.argus.faces.detect.DetectedFace;
import dev.argus.faces.detect.Landmark;
import java.time.Instant;
import java.util.List;

/**
 * Rekognition's response shapes as records: component {@code fooBar} is member {@code FooBar} on
 * the wire (the protocol's naming), and null members are left out.
 */
final class Documents {

  private Documents() {
  }

  record BoxDoc(float width, float height, float left, float top) {
    static BoxDoc of(BoundingBox box) {
      return new BoxDoc(box.width(), box.height(), box.left(), box.top());
    }
  }

  record LandmarkDoc(String type, float x, float y) {
    static LandmarkDoc of(Landmark landmark) {
      return new LandmarkDoc(landmark.type().wireName(), landmark.x(), landmark.y());
    }
  }

  record PoseDoc(float roll, float yaw, float pitch) {
  }

  record QualityDoc(float brightness, float sharpness) {
  }

  /** FaceDetail with the default attributes Argus measures. */
  record FaceDetailDoc(BoxDoc boundingBox, List<LandmarkDoc> landmarks, PoseDoc pose, QualityDoc quality,
                       float confidence) {
    static FaceDetailDoc of(DetectedFace face) {
      return new FaceDetailDoc(BoxDoc.of(face.boundingBox()),
          face.landmarks().stream().map(LandmarkDoc::of).toList(),
          new PoseDoc(face.pose().roll(), face.pose().yaw(), face.pose().pitch()),
          new QualityDoc(face.quality().brightness(), face.quality().sharpness()), face.confidence());
    }
  }

  record FaceDoc(String faceId, BoxDoc boundingBox, String imageId, String externalImageId, float confidence,
                 String indexFacesModelVersion) {
    static FaceDoc of(FaceRecord face, String modelVersion) {
      return new FaceDoc(face.faceId().toString(), BoxDoc.of(face.boundingBox()), face.imageId().toString(),
          face.externalImageId(), face.confidence(), modelVersion);
    }
  }

  record FaceRecordDoc(FaceDoc face, FaceDetailDoc faceDetail) {
  }

  record UnindexedFaceDoc(List<String> reasons, FaceDetailDoc faceDetail) {
  }

  record FaceMatchDoc(float similarity, FaceDoc face) {
  }

  record CreateCollectionOutput(int statusCode, String collectionArn, String faceModelVersion) {
  }

  record DescribeCollectionOutput(long faceCount, String faceModelVersion, String collectionARN,
                                  Instant creationTimestamp, long userCount) {
  }

  record ListCollectionsOutput(List<String> collectionIds, String nextToken, List<String> faceModelVersions) {
  }

  record DeleteCollectionOutput(int statusCode) {
  }

  record IndexFacesOutput(List<FaceRecordDoc> faceRecords, String faceModelVersion,
                          List<UnindexedFaceDoc> unindexedFaces) {
  }

  record ListFacesOutput(List<FaceDoc> faces, String nextToken, String faceModelVersion) {
  }

  record UnsuccessfulFaceDeletionDoc(String faceId, List<String> reasons) {
  }

  record DeleteFacesOutput(List<String> deletedFaces, List<UnsuccessfulFaceDeletionDoc> unsuccessfulFaceDeletions) {
  }

  record SearchFacesOutput(String searchedFaceId, List<FaceMatchDoc> faceMatches, String faceModelVersion) {
  }

  record SearchFacesByImageOutput(BoxDoc searchedFaceBoundingBox, float searchedFaceConfidence,
                                  List<FaceMatchDoc> faceMatches, String faceModelVersion) {
  }

  record DetectFacesOutput(List<FaceDetailDoc> faceDetails) {
  }
}
