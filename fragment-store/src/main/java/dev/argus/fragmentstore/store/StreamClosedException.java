package dev.argus.fragmentstore.store;

import java.io.IOException;

/** The stream's storage was closed: the server is stopping, or the stream was deleted. */
public final class StreamClosedException extends IOException {
  private static final long serialVersionUID = 1L;

  public StreamClosedException(StreamKey key) {
    super("stream " + key.streamName() + " (created " + key.creationMillis() + ") is closed");
  }
}
