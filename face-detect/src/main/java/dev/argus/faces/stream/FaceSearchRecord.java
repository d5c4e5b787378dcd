package dev.argus.faces.stream;

import java.util.List;
import java.util.Objects;

/**
 * One Rekognition Video face-search record, the JSON a stream processor puts into its data
 * stream for each analysed frame with at least one face. Components map to PascalCase members
 * ({@link FaceSearchRecords#toJson}); timestamps are epoch seconds with milliseconds, as
 * Rekognition writes them.
 */
public record FaceSearchRecord(InputInformation inputInformation,
                               StreamProcessorInformation streamProcessorInformation,
                               List<FaceSearchResult> faceSearchResponse) {

  public FaceSearchRecord {
    Objects.requireNonNull(inputInformation, "inputInformation");
    Objects.requireNonNull(streamProcessorInformation, "streamProcessorInformation");
    faceSearchResponse = List.copyOf(faceSearchResponse);
  }

  public record InputInformation(KinesisVideo kinesisVideo) {
  }

  public record KinesisVideo(String streamArn, String fragmentNumber, double serverTimestamp,
                             double producerTimestamp, double frameOffsetInSeconds) {
  }

  public record StreamProcessorInformation(String status) {
  }

  public record FaceSearchResult(DetectedFaceDoc detectedFace, List<MatchedFace> matchedFaces) {
  }

  public record Box(float width, float height, float left, float top) {
  }

  public record LandmarkDoc(String type, float x, float y) {
  }

  public record PoseDoc(float pitch, float roll, float yaw) {
  }

  public record QualityDoc(float brightness, float sharpness) {
  }

  public record DetectedFaceDoc(Box boundingBox, float confidence, List<LandmarkDoc> landmarks, PoseDoc pose,
                                QualityDoc quality) {
  }

  public record MatchedFace(float similarity, FaceDoc face) {
  }

  public record FaceDoc(Box boundingBox, String faceId, float confidence, String imageId, String externalImageId) {
  }
}
