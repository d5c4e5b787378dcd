package dev.argus.fragmentstore.media;

import java.io.IOException;
import java.util.Optional;

/**
 * GetMedia's bytes: a {@link LiveTail} (stored fragments as whole chunks, then the live edge as
 * it arrives; see there for what a reader sees when a fragment fails), holding the reader's slot
 * until closed.
 *
 * <p>Not thread-safe (one caller at a time, as {@link ChunkSource} requires).
 */
final class GetMediaSource implements ChunkSource {
  private final LiveTail tail;
  private final ReaderLimits.Slot slot;

  GetMediaSource(LiveTail tail, ReaderLimits.Slot slot) {
    this.tail = tail;
    this.slot = slot;
  }

  @Override
  public Optional<byte[]> next() throws IOException {
    return tail.next().map(LiveTail.Part::mkv);
  }

  @Override
  public boolean nextIsInMemory() {
    return tail.atLiveEdge();
  }

  @Override
  public boolean finished() {
    return tail.finished();
  }

  @Override
  public void whenAvailable(Runnable action) {
    tail.whenAvailable(action);
  }

  @Override
  public void close() {
    tail.close();
    slot.close();
  }
}
