package dev.argus.fragmentstore.media;

import java.io.IOException;
import java.util.Optional;

/**
 * Where a streamed media response gets its chunks (each one whole MKV segment for one fragment).
 * {@link #next} may block briefly on disk and runs on a worker thread; calls are sequential.
 */
interface ChunkSource extends AutoCloseable {

  /** The next chunk if one is ready now. */
  Optional<byte[]> next() throws IOException;

  /**
   * Whether {@link #next} would now take its bytes from memory only, touching no disk (a live
   * fragment's pieces, for GetMedia): the handler then calls it on the event loop instead of
   * handing it to a worker and back, two thread hops per frame at the live edge.
   */
  default boolean nextIsInMemory() {
    return false;
  }

  /** True once no chunk will ever come again (checked after {@link #next} returned empty). */
  boolean finished();

  /** Runs {@code action} once {@link #next} may have a chunk, or the source finished; must not block. */
  void whenAvailable(Runnable action);

  @Override
  void close();
}
