package dev.argus.fragmentstore.media;

import dev.argus.fragmentstore.fragment.FragmentMeta;
import dev.argus.fragmentstore.fragment.StoredFragment;
import dev.argus.fragmentstore.store.StreamStorage;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * GetMediaForFragmentList's chunks: the listed fragments in the order given, each an
 * {@link MkvChunks#archived} chunk. A fragment dropped by retention after the request was checked
 * is skipped. Not thread-safe.
 */
final class FragmentListSource implements ChunkSource {
  private final StreamStorage stream;
  private final Iterator<FragmentMeta> fragments;

  FragmentListSource(StreamStorage stream, List<FragmentMeta> fragments) {
    this.stream = stream;
    this.fragments = List.copyOf(fragments).iterator();
  }

  @Override
  public Optional<byte[]> next() throws IOException {
    while (fragments.hasNext()) {
      Optional<StoredFragment> fragment = stream.read(fragments.next().offset());
      if (fragment.isPresent()) {
        return Optional.of(MkvChunks.archived(fragment.get()));
      }
    }
    return Optional.empty();
  }

  @Override
  public boolean finished() {
    return !fragments.hasNext();
  }

  @Override
  public void whenAvailable(Runnable action) {
    action.run();
  }

  @Override
  public void close() {
  }
}
