package dev.argus.fragmentstore.media;

import dev.argus.fragmentstore.fragment.StoredFragment;
import dev.argus.fragmentstore.store.FragmentCursor;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;

/**
 * GetMedia's chunks: a {@link FragmentCursor} from the resolved start, each fragment as a
 * {@link MkvChunks#live} chunk, for as long as the stream lives. Holds its reader slot until closed.
 *
 * <p>Not thread-safe (one caller at a time, as {@link ChunkSource} requires).
 */
final class GetMediaSource implements ChunkSource {
  private final FragmentCursor cursor;
  private final ReaderLimits.Slot slot;
  private final Clock clock;

  GetMediaSource(FragmentCursor cursor, ReaderLimits.Slot slot, Clock clock) {
    this.cursor = cursor;
    this.slot = slot;
    this.clock = clock;
  }

  @Override
  public Optional<byte[]> next() throws IOException {
    Optional<StoredFragment> fragment = cursor.poll();
    return fragment.map(f -> MkvChunks.live(f, clock.millis() - f.meta().serverMillis()));
  }

  @Override
  public boolean finished() {
    return cursor.ended();
  }

  @Override
  public void whenAvailable(Runnable action) {
    cursor.whenAvailable(action);
  }

  @Override
  public void close() {
    cursor.close();
    slot.close();
  }
}
