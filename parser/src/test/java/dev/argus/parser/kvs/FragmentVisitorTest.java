package dev.argus.parser.kvs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.argus.parser.mkv.Frame;
import dev.argus.parser.mkv.MkvEvent;
import dev.argus.parser.mkv.MkvParser;
import dev.argus.parser.mkv.Recorder;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FragmentVisitorTest {

  /** Everything a FragmentVisitor reported, in order. */
  private static final class Log implements FragmentListener {
    final List<String> calls = new ArrayList<>();
    final List<FragmentMetadata> ended = new ArrayList<>();
    final List<FragmentMetadata> perFrame = new ArrayList<>();
    int tracks;
    boolean end;

    @Override
    public void onTracks(MkvEvent.Tracks event) {
      tracks++;
    }

    @Override
    public void onFrame(Frame frame, FragmentMetadata fragment) {
      perFrame.add(fragment);
      calls.add("frame " + fragment.fragmentNumber().orElse("-"));
    }

    @Override
    public void onFragmentEnd(FragmentMetadata fragment, int frames) {
      ended.add(fragment);
      calls.add("end " + fragment.fragmentNumber().orElse("-") + " " + frames);
    }

    @Override
    public void onEndOfStream(MkvEvent.EndOfStream event) {
      end = true;
    }
  }

  private static Log visit(String capture) {
    Log log = new Log();
    MkvParser.parse(ByteBuffer.wrap(Recorder.capture(capture)), new FragmentVisitor(log));
    return log;
  }

  @Test
  void getMediaFramesCarryTheirFragmentAndFragmentsEndComplete() {
    Log log = visit("output_get_media.mkv");
    assertThat(log.tracks).isEqualTo(5);
    assertThat(log.end).isTrue();
    assertThat(log.ended).hasSize(5);
    assertThat(log.perFrame).hasSize(300);
    for (int f = 0; f < 5; f++) {
      FragmentMetadata complete = log.ended.get(f);
      List<FragmentMetadata> frames = log.perFrame.subList(60 * f, 60 * f + 60);
      // Frames see the leading tags; the trailing ones complete the fragment at its end.
      assertThat(frames).allSatisfy(m -> {
        assertThat(m.fragmentNumber()).isEqualTo(complete.fragmentNumber());
        assertThat(m.serverTimestamp()).isEqualTo(complete.serverTimestamp());
        assertThat(m.millisBehindNow()).isEmpty();
      });
      assertThat(complete.millisBehindNow()).isPresent();
      assertThat(complete.continuationToken()).isEqualTo(complete.fragmentNumber());
    }
    // Each fragment ends before the next one's frames.
    assertThat(log.calls.indexOf("end " + log.ended.get(0).fragmentNumber().orElseThrow() + " 60")).isEqualTo(60);
  }

  @Test
  void streamWithoutKvsTagsGetsOneFragmentPerCluster() {
    Log log = visit("clusters.mkv");
    assertThat(log.ended).hasSize(8).allSatisfy(m -> assertThat(m.fragmentNumber()).isEmpty());
    assertThat(log.calls).filteredOn(c -> c.startsWith("end")).first().isEqualTo("end - 59");
  }

  @Test
  void tagsWithoutClusterStillMakeAFragment() {
    Log log = visit("empty-mkv-with-tags.mkv");
    assertThat(log.ended).singleElement().satisfies(m -> {
      assertThat(m.fragmentNumber()).isPresent();
      assertThat(m.producerTimestamp()).isPresent();
    });
    assertThat(log.perFrame).isEmpty();
  }

  @Test
  void userTagsStayWithTheirFragment() {
    Log log = visit("test_mixed_tags.mkv");
    assertThat(log.ended).hasSize(10);
    assertThat(log.ended).allSatisfy(m -> assertThat(m.otherTags()).containsKeys("testTag_0", "testTag_4"));
    assertThat(log.ended).allSatisfy(m -> assertThat(m.millisBehindNow()).isPresent());
  }
}
