package dev.argus.datastream.engine;

import java.util.Objects;

/**
 * An enhanced fan-out consumer of a stream. Immutable; persisted with its {@link StreamInfo}.
 *
 * @param name          1..128 characters of {@code [a-zA-Z0-9_.-]}
 * @param createdMillis registration time; part of its ARN
 */
public record ConsumerInfo(String name, long createdMillis) {
  public ConsumerInfo {
    Objects.requireNonNull(name, "name");
  }

  /** {@code <streamArn>/consumer/<name>:<creation epoch seconds>}, as Kinesis forms it. */
  public String arn(String streamArn) {
    return streamArn + "/consumer/" + name + ":" + createdMillis / 1000;
  }
}
