package dev.argus.app.server;

import dev.argus.faces.processor.ProcessorResourceNotFoundException;
import dev.argus.faces.processor.VideoFragmentSource;
import dev.argus.fragmentstore.VideoStreamsModule;
import dev.argus.fragmentstore.catalog.CatalogException;
import dev.argus.fragmentstore.catalog.StreamInfo;
import dev.argus.fragmentstore.catalog.StreamRef;
import dev.argus.fragmentstore.fragment.FragmentMeta;
import dev.argus.fragmentstore.fragment.FragmentNumber;
import dev.argus.fragmentstore.fragment.TimestampKind;
import dev.argus.fragmentstore.media.LiveTail;
import dev.argus.fragmentstore.store.StreamStorage;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The stream processors' video: the fragment store's in-process {@link LiveTail} (the reader
 * GetMedia uses), so stored fragments come as whole GetMedia chunks and the one PutMedia is
 * receiving comes in parts, frame by frame, as it arrives (a {@link VideoFragment} per part, the
 * parts of one fragment sharing its number). A fragment that fails mid-way ends with error tags
 * and the tail goes on with the next one. Thread-safe: stateless over the
 * thread-safe catalog, store and live feed.
 */
final class StoreVideoSource implements VideoFragmentSource {

  private final VideoStreamsModule video;

  StoreVideoSource(VideoStreamsModule video) {
    this.video = video;
  }

  @Override
  public String streamName(String streamArn) {
    return describe(streamArn).streamName();
  }

  @Override
  public Tail open(String streamArn, StartPosition start) throws IOException {
    StreamStorage storage = video.store().open(describe(streamArn));
    long offset;
    if (start instanceof StartPosition.ProducerTime t) {
      offset = storage.startAt(TimestampKind.PRODUCER_TIMESTAMP, t.millis()).map(FragmentMeta::offset)
          .orElse(storage.nextOffset());
    } else if (start instanceof StartPosition.Fragment f) {
      FragmentNumber number;
      try {
        number = FragmentNumber.parse(f.number());
      } catch (IllegalArgumentException e) {
        throw new ProcessorResourceNotFoundException("no fragment " + f.number() + " in " + streamArn);
      }
      offset = storage.find(number).map(FragmentMeta::offset)
          .orElseThrow(() -> new ProcessorResourceNotFoundException("no fragment " + f.number() + " in " + streamArn));
    } else {
      offset = storage.nextOffset();
    }
    LiveTail tail = new LiveTail(storage.cursor(offset), video.live(), storage.key(), Clock.systemUTC(),
        false);
    return new Tail() {
      @Override
      public Optional<VideoFragment> poll(Duration timeout) throws IOException, InterruptedException {
        return tail.poll(timeout).map(StoreVideoSource::fragment);
      }

      @Override
      public boolean ended() {
        return tail.finished();
      }

      @Override
      public void close() {
        tail.close();
      }
    };
  }

  private StreamInfo describe(String streamArn) {
    try {
      return video.catalog().describe(StreamRef.of(null, streamArn));
    } catch (CatalogException e) {
      throw new ProcessorResourceNotFoundException("no video stream " + streamArn + ": " + e.getMessage());
    }
  }

  static VideoFragment fragment(LiveTail.Part part) {
    return new VideoFragment(part.number().toString(), part.number().serverMillis(), part.producerMillis(),
        part.mkv());
  }
}
