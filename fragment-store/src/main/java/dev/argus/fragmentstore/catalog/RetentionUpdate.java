package dev.argus.fragmentstore.catalog;

import java.util.Objects;

/**
 * An UpdateDataRetention request, validated.
 *
 * @param stream         the stream
 * @param currentVersion required: the version the caller last saw
 * @param operation      increase or decrease
 * @param changeInHours  at least 1
 */
public record RetentionUpdate(StreamRef stream, String currentVersion, RetentionOperation operation,
                              int changeInHours) {

  public RetentionUpdate {
    Objects.requireNonNull(stream, "stream");
    MemberRules.version("CurrentVersion", currentVersion);
    if (operation == null) {
      throw new InvalidArgumentException("Operation is required");
    }
    MemberRules.range("DataRetentionChangeInHours", changeInHours, 1, StreamInfo.MAX_RETENTION_HOURS);
  }

  /** The new retention from the current one; out of range is an {@link InvalidArgumentException}. */
  int apply(int currentHours) {
    int next = operation == RetentionOperation.INCREASE_DATA_RETENTION
        ? currentHours + changeInHours
        : currentHours - changeInHours;
    if (next < 0) {
      throw new InvalidArgumentException("cannot decrease the data retention of " + stream + " by "
          + changeInHours + " hours: it is " + currentHours + " hours");
    }
    if (next > StreamInfo.MAX_RETENTION_HOURS) {
      throw new InvalidArgumentException("cannot increase the data retention of " + stream + " to " + next
          + " hours: the maximum is " + StreamInfo.MAX_RETENTION_HOURS);
    }
    return next;
  }
}
