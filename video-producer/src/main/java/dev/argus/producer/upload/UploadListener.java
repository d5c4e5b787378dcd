package dev.argus.producer.upload;

import dev.argus.producer.ack.AckEvent;
import dev.argus.producer.buffer.EncodedFragment;
import java.time.Duration;

/**
 * Callbacks from a {@link StreamUploader}. They run on the uploader's threads (acks on the network
 * event loop): implementations must be quick and must not block. Every method has a no-op default.
 */
public interface UploadListener {

  /** Any acknowledgement, in arrival order. */
  default void onAck(AckEvent ack) {}

  /** The buffer spans more than the latency limit: the network does not keep up. */
  default void onLatencyPressure(Duration buffered) {}

  /** No acknowledgement arrived for {@code silence} while fragments were outstanding; reconnecting. */
  default void onConnectionStale(Duration silence) {}

  /** A fragment was given up: the buffer was full, or the server refused it for good. */
  default void onFragmentDropped(EncodedFragment fragment, String reason) {}

  /** The fragmenter dropped frames it could not place in a valid fragment ({@code reason}). */
  default void onFrameDropped(long ptsMicros, String reason) {}

  /** A connection failed (and will be retried unless {@code fatal}). */
  default void onError(Throwable error, boolean fatal) {}

  /** A new connection opened; {@code resent} fragments are being sent again on it. */
  default void onConnected(int attempt, int resent) {}
}
