package dev.argus.faces.processor;

import java.util.Objects;

/**
 * One stream processor as stored and described: what CreateStreamProcessor named, plus its status.
 *
 * @param name           1-128 of {@code [a-zA-Z0-9_.\-]}
 * @param arn            {@code arn:aws:rekognition:<region>:<account>:streamprocessor/<name>}
 * @param videoStreamArn the Kinesis video stream it reads
 * @param dataStreamArn  the Kinesis data stream it writes
 * @param roleArn        accepted and echoed, never used
 * @param collectionId   the face collection it searches
 * @param threshold      FaceMatchThreshold, 0-100
 * @param createdMillis  creation time, epoch millis
 * @param updatedMillis  last status change, epoch millis
 * @param status         the current status
 * @param statusMessage  why it is FAILED, or empty
 * @param start          where the last Start began reading
 */
public record ProcessorDefinition(String name, String arn, String videoStreamArn, String dataStreamArn,
                                  String roleArn, String collectionId, float threshold, long createdMillis,
                                  long updatedMillis, ProcessorStatus status, String statusMessage,
                                  VideoFragmentSource.StartPosition start) {

  public static final float DEFAULT_THRESHOLD = 80f;

  public ProcessorDefinition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(arn, "arn");
    Objects.requireNonNull(videoStreamArn, "videoStreamArn");
    Objects.requireNonNull(dataStreamArn, "dataStreamArn");
    Objects.requireNonNull(roleArn, "roleArn");
    Objects.requireNonNull(collectionId, "collectionId");
    Objects.requireNonNull(status, "status");
    statusMessage = statusMessage == null ? "" : statusMessage;
    start = start == null ? new VideoFragmentSource.StartPosition.Now() : start;
    if (!(threshold >= 0 && threshold <= 100)) {
      throw new IllegalArgumentException("threshold must be in [0, 100]: " + threshold);
    }
  }

  /** This definition with another status. */
  public ProcessorDefinition withStatus(ProcessorStatus next, String message, long nowMillis) {
    return new ProcessorDefinition(name, arn, videoStreamArn, dataStreamArn, roleArn, collectionId, threshold,
        createdMillis, nowMillis, next, message, start);
  }

  /** This definition started from {@code from}: STARTING. */
  public ProcessorDefinition starting(VideoFragmentSource.StartPosition from, long nowMillis) {
    return new ProcessorDefinition(name, arn, videoStreamArn, dataStreamArn, roleArn, collectionId, threshold,
        createdMillis, nowMillis, ProcessorStatus.STARTING, "", from);
  }
}
