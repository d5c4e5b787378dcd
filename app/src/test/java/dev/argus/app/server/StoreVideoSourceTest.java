package dev.argus.app.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.argus.faces.processor.VideoFragmentSource;
import dev.argus.fragmentstore.VideoStreamsModule;
import dev.argus.fragmentstore.catalog.NewStream;
import dev.argus.fragmentstore.catalog.StreamInfo;
import dev.argus.fragmentstore.fragment.FragmentDraft;
import dev.argus.fragmentstore.fragment.MetadataTag;
import dev.argus.fragmentstore.fragment.StreamHeader;
import dev.argus.fragmentstore.store.StoreConfig;
import dev.argus.fragmentstore.store.StreamStorage;
import dev.argus.parser.kvs.FragmentListener;
import dev.argus.parser.kvs.FragmentMetadata;
import dev.argus.parser.kvs.FragmentVisitor;
import dev.argus.parser.mkv.Frame;
import dev.argus.parser.mkv.MkvEvent;
import dev.argus.parser.mkv.MkvParser;
import dev.argus.parser.mkv.SegmentInfo;
import dev.argus.parser.mkv.TrackInfo;
import dev.argus.parser.write.Block;
import dev.argus.parser.write.MkvWriter;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreVideoSourceTest {
  @TempDir Path dir;

  /** The header of a one-track stream, sliced out of the parser's writer's output as PutMedia stores it. */
  private static StreamHeader header() {
    byte[] mkv = MkvWriter.header(SegmentInfo.live("t"), List.of(TrackInfo.video(1, "V_MPEG4/ISO/AVC",
        new byte[] {1, 2, 3}, 64, 48)));
    List<long[]> spans = new ArrayList<>();
    MkvParser parser = new MkvParser(e -> {
      if (e instanceof MkvEvent.Ebml x) {
        spans.add(new long[] {x.startOffset(), x.endOffset()});
      } else if (e instanceof MkvEvent.Info x) {
        spans.add(new long[] {x.startOffset(), x.endOffset()});
      } else if (e instanceof MkvEvent.Tracks x) {
        spans.add(new long[] {x.startOffset(), x.endOffset()});
      }
    });
    parser.feed(ByteBuffer.wrap(mkv));
    byte[][] parts = spans.stream().map(s -> Arrays.copyOfRange(mkv, (int) s[0], (int) s[1])).toArray(byte[][]::new);
    return new StreamHeader(parts[0], parts[1], parts[2], StreamHeader.DEFAULT_TIMECODE_SCALE, List.of(1L));
  }

  @Test
  void theStreamProcessorsGetEachFragmentsMetadataTags() throws Exception {
    try (VideoStreamsModule video = VideoStreamsModule.openWithMedia(dir, Clock.systemUTC(),
        VideoStreamsModule.DEFAULT_REGION, VideoStreamsModule.DEFAULT_ACCOUNT, StoreConfig.defaults())) {
      StreamInfo info = video.catalog().create(NewStream.named("cam", 24));
      StreamStorage storage = video.store().open(info);
      long version = storage.putHeader(header());
      for (int i = 0; i < 2; i++) {
        byte[] cluster = MkvWriter.cluster(1000L * (i + 1), List.of(Block.of(1, 1000L * (i + 1), true, new byte[8])));
        List<MetadataTag> tags = i == 0 ? List.of(new MetadataTag("motion", "true")) : List.of();
        storage.append(new FragmentDraft(1000L * (i + 1), 0, 1, version, cluster, tags));
      }
      VideoFragmentSource.Tail tail = new StoreVideoSource(video).open(info.arn().toString(),
          new VideoFragmentSource.StartPosition.ProducerTime(0));
      List<Map<String, String>> seen = new ArrayList<>();
      MkvParser reader = new MkvParser(new FragmentVisitor(new FragmentListener() {
        @Override
        public void onFrame(Frame frame, FragmentMetadata fragment) {
        }

        @Override
        public void onFragmentEnd(FragmentMetadata fragment, int frames) {
          seen.add(fragment.otherTags());
        }
      }));
      for (int i = 0; i < 2; i++) {
        reader.feed(ByteBuffer.wrap(tail.poll(Duration.ofSeconds(10)).orElseThrow().mkv()));
      }
      reader.finish();
      tail.close();
      assertThat(seen).containsExactly(Map.of("motion", "true"), Map.of());
    }
  }
}
