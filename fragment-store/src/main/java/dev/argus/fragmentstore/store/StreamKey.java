package dev.argus.fragmentstore.store;

import dev.argus.fragmentstore.catalog.StreamInfo;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One incarnation of a stream: its name and creation time (which its ARN ends in). A stream that
 * is deleted and created again under the same name is a different key, with its own directory.
 *
 * @param streamName the stream's name
 * @param creationMillis its creation time, epoch milliseconds: the fragment numbers' stream epoch
 */
public record StreamKey(String streamName, long creationMillis) {
  public StreamKey {
    Objects.requireNonNull(streamName, "streamName");
    if (creationMillis < 0) {
      throw new IllegalArgumentException("creation time is negative: " + creationMillis);
    }
  }

  public static StreamKey of(StreamInfo info) {
    return new StreamKey(info.streamName(), info.arn().creationMillis());
  }

  /** {@code root/<name>/<creationMillis>}: stream names are {@code [a-zA-Z0-9_.-]+}, safe as file names. */
  Path dir(Path root) {
    return root.resolve(streamName).resolve(Long.toString(creationMillis));
  }
}
