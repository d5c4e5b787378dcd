package dev.argus.fragmentstore.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.argus.fragmentstore.fragment.MetadataTag;
import dev.argus.parser.mkv.Frame;
import dev.argus.parser.mkv.MkvParser;
import dev.argus.parser.write.Block;
import dev.argus.parser.write.MkvWriter;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FragmentAssemblerTest {

  static List<IngestEvent> run(FragmentAssembler assembler, byte[] body, int chunk) {
    List<IngestEvent> events = new ArrayList<>();
    for (int i = 0; i < body.length; i += chunk) {
      events.addAll(assembler.feed(ByteBuffer.wrap(body, i, Math.min(chunk, body.length - i))));
    }
    events.addAll(assembler.finish());
    return events;
  }

  /** Events with byte arrays compared by content. */
  static List<Object> comparable(List<IngestEvent> events) {
    return events.stream().map(e -> e instanceof IngestEvent.FragmentReady r
        ? List.of(r.timecodeMillis(), r.producerMillis(), r.durationMillis(), r.frameCount(), Arrays.hashCode(r.cluster()))
        : e instanceof IngestEvent.FrameArrived f ? List.of("frame", Arrays.hashCode(f.elements()))
        : (Object) e).toList();
  }

  static List<IngestEvent.FragmentReady> fragments(List<IngestEvent> events) {
    return events.stream().filter(IngestEvent.FragmentReady.class::isInstance)
        .map(IngestEvent.FragmentReady.class::cast).toList();
  }

  @Test
  void clustersMkvGivesItsEightFragments() {
    List<IngestEvent> events = run(new FragmentAssembler(1_000_000), TestMkv.clustersMkv(), 1 << 16);
    List<IngestEvent.FragmentReady> fragments = fragments(events);
    assertThat(fragments).extracting(IngestEvent.FragmentReady::frameCount)
        .containsExactlyElementsOf(TestMkv.CLUSTERS_MKV_FRAMES);
    assertThat(fragments.get(0).timecodeMillis()).isZero();
    assertThat(fragments.get(1).timecodeMillis()).isEqualTo(1999);
    assertThat(fragments.get(1).producerMillis()).isEqualTo(1_001_999);
    assertThat(events.get(0)).isInstanceOf(IngestEvent.HeaderReady.class);
    assertThat(events).filteredOn(IngestEvent.FragmentStarted.class::isInstance).hasSize(8);
    assertThat(events).noneMatch(IngestEvent.Failed.class::isInstance);
    for (IngestEvent.FragmentReady fragment : fragments) {
      assertThat(fragment.durationMillis()).isBetween(900, 2000);
      assertThat(blocksIn(fragment.cluster())).isEqualTo(fragment.frameCount());
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 4096})
  void framesArriveBeforeTheirFragmentCompletesAndAddUpToItsData(int chunk) {
    List<IngestEvent> events = run(new FragmentAssembler(0), TestMkv.clustersMkv(), chunk);
    ByteArrayOutputStream published = new ByteArrayOutputStream();
    int frames = 0;
    int fragment = 0;
    for (IngestEvent event : events) {
      if (event instanceof IngestEvent.FrameArrived f) {
        published.writeBytes(f.elements());
        frames++;
      } else if (event instanceof IngestEvent.FragmentReady r) {
        assertThat(frames).isEqualTo(TestMkv.CLUSTERS_MKV_FRAMES.get(fragment++));
        byte[] data = Arrays.copyOfRange(r.cluster(), LiveFragment.CLUSTER_HEADER_BYTES, r.cluster().length);
        assertThat(data).startsWith(published.toByteArray());
        published.reset();
        frames = 0;
      }
    }
    assertThat(fragment).isEqualTo(8);
  }

  /** A stored cluster parses on its own (after the header), with its frames. */
  private static int blocksIn(byte[] cluster) {
    int[] count = new int[1];
    MkvParser parser = new MkvParser(e -> {
      if (e instanceof Frame) {
        count[0]++;
      }
    });
    parser.feed(ByteBuffer.wrap(TestMkv.header(1)));
    parser.feed(ByteBuffer.wrap(cluster));
    assertThat(parser.finish().truncated()).isFalse();
    return count[0];
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4096})
  void chunkingDoesNotChangeTheEvents(int chunk) {
    byte[] body = TestMkv.clustersMkv();
    List<Object> whole = comparable(run(new FragmentAssembler(0), body, body.length));
    assertThat(comparable(run(new FragmentAssembler(0), body, chunk))).isEqualTo(whole);
  }

  @Test
  void unknownSizeClustersAreStoredWithTheirSize() {
    byte[] known = TestMkv.cluster(0, 1, 3, 33, 10);
    // Cluster ID (4 bytes) then an 8-byte size (MkvWriter writes minimal sizes; rewrite to unknown)
    int sizeLength = Integer.numberOfLeadingZeros(known[4] & 0xFF) - 23;
    byte[] reframed = TestMkv.concat(Arrays.copyOf(known, 4), new byte[] {1, -1, -1, -1, -1, -1, -1, -1},
        Arrays.copyOfRange(known, 4 + sizeLength, known.length));
    List<IngestEvent> events = run(new FragmentAssembler(0), TestMkv.concat(TestMkv.header(1), reframed), 7);
    byte[] stored = fragments(events).get(0).cluster();
    assertThat(blocksIn(stored)).isEqualTo(3);
    assertThat(stored.length).isEqualTo(reframed.length);
  }

  @Test
  void minimalEightByteAndUnknownSizesAreStoredAsTheSameCluster() {
    byte[] minimal = TestMkv.cluster(0, 1, 3, 33, 10);
    int sizeLength = Integer.numberOfLeadingZeros(minimal[4] & 0xFF) - 23;
    byte[] data = Arrays.copyOfRange(minimal, 4 + sizeLength, minimal.length);
    byte[] eightByteSize = {1, 0, 0, 0, 0, 0, 0, (byte) data.length};
    byte[] expected = TestMkv.concat(Arrays.copyOf(minimal, 4), eightByteSize, data);
    byte[] unknown = TestMkv.concat(Arrays.copyOf(minimal, 4), new byte[] {1, -1, -1, -1, -1, -1, -1, -1}, data);
    for (byte[] sent : List.of(minimal, expected, unknown)) {
      for (int chunk : new int[] {1, 2, 3, 1000}) {
        List<IngestEvent> events = run(new FragmentAssembler(0), TestMkv.concat(TestMkv.header(1), sent), chunk);
        assertThat(fragments(events)).singleElement().satisfies(f -> assertThat(f.cluster()).isEqualTo(expected));
      }
    }
  }

  @Test
  void decreasingTimecodeIs4004() {
    byte[] body = TestMkv.concat(TestMkv.header(1), TestMkv.cluster(5000, 1, 10, 100, 10),
        TestMkv.cluster(5500, 1, 10, 100, 10));
    List<IngestEvent> events = run(new FragmentAssembler(0), body, 100);
    assertThat(fragments(events)).hasSize(1);
    assertThat(failure(events).code()).isEqualTo(AckErrorCode.FRAGMENT_TIMECODE_LESSER_THAN_PREVIOUS);
    assertThat(failure(events).timecodeMillis()).isEqualTo(5500);
  }

  @Test
  void wrongTrackIs4010() {
    byte[] body = TestMkv.concat(TestMkv.header(1), TestMkv.cluster(0, 2, 3, 10, 10));
    assertThat(failure(run(new FragmentAssembler(0), body, 50)).code()).isEqualTo(AckErrorCode.TRACK_NUMBER_MISMATCH);
  }

  @Test
  void tooLongIs4002AndTooLargeIs4001() {
    byte[] longBody = TestMkv.concat(TestMkv.header(1), TestMkv.cluster(0, 1, 12, 1000, 10));
    assertThat(failure(run(new FragmentAssembler(0), longBody, 50)).code())
        .isEqualTo(AckErrorCode.MAX_FRAGMENT_DURATION_REACHED);
    byte[] bigBody = TestMkv.concat(TestMkv.header(1), TestMkv.cluster(0, 1, 10, 10, 5000));
    List<IngestEvent> events = run(new FragmentAssembler(0, 20_000), bigBody, 1000);
    assertThat(failure(events).code()).isEqualTo(AckErrorCode.MAX_FRAGMENT_SIZE_REACHED);
    assertThat(fragments(events)).isEmpty();
  }

  @Test
  void moreThanThreeTracksIs4005() {
    List<IngestEvent> events = run(new FragmentAssembler(0), TestMkv.concat(TestMkv.header(1, 2, 3, 4),
        TestMkv.cluster(0, 1, 3, 10, 10)), 9);
    assertThat(failure(events).code()).isEqualTo(AckErrorCode.MORE_THAN_ALLOWED_TRACKS_FOUND);
    assertThat(events).noneMatch(e -> e instanceof IngestEvent.HeaderReady || e instanceof IngestEvent.FragmentReady);
    byte[] threeTracks = MkvWriter.cluster(0, List.of(Block.of(1, 0, true, new byte[10]),
        Block.of(2, 1, true, new byte[10]), Block.of(3, 2, true, new byte[10])));
    List<IngestEvent> three = run(new FragmentAssembler(0), TestMkv.concat(TestMkv.header(1, 2, 3), threeTracks), 9);
    assertThat(three).noneMatch(IngestEvent.Failed.class::isInstance);
  }

  @Test
  void producerTimestampBeforeTheEpochOrPastYear9999Is4007() {
    // a frame 5 ms before its cluster at timecode 0, with no start timestamp to add: -5 ms
    byte[] before = MkvWriter.cluster(0, List.of(Block.of(1, -5, true, new byte[10])));
    List<IngestEvent> early = run(new FragmentAssembler(0), TestMkv.concat(TestMkv.header(1), before), 11);
    assertThat(failure(early).code()).isEqualTo(AckErrorCode.INVALID_PRODUCER_TIMESTAMP);
    assertThat(failure(early).timecodeMillis()).isZero();
    assertThat(fragments(early)).isEmpty();
    long late = FragmentAssembler.MAX_PRODUCER_MILLIS - 1000;
    List<IngestEvent> events = run(new FragmentAssembler(2000), TestMkv.concat(TestMkv.header(1),
        TestMkv.cluster(0, 1, 1, 10, 10), TestMkv.cluster(late, 1, 1, 10, 10)), 11);
    assertThat(failure(events).code()).isEqualTo(AckErrorCode.INVALID_PRODUCER_TIMESTAMP);
    assertThat(failure(events).timecodeMillis()).isEqualTo(late);
    assertThat(fragments(events)).hasSize(1);
  }

  @Test
  void aTrackWithoutFramesIs4011() {
    byte[] body = TestMkv.concat(TestMkv.header(1, 2), TestMkv.cluster(0, 1, 3, 10, 10));
    List<IngestEvent> events = run(new FragmentAssembler(0), body, 13);
    assertThat(failure(events).code()).isEqualTo(AckErrorCode.FRAMES_MISSING_FOR_TRACK);
    assertThat(failure(events).timecodeMillis()).isZero();
    assertThat(fragments(events)).isEmpty();
    byte[] empty = TestMkv.concat(TestMkv.header(1), MkvWriter.cluster(500, List.of()));
    assertThat(failure(run(new FragmentAssembler(0), empty, 3)).code()).isEqualTo(AckErrorCode.FRAMES_MISSING_FOR_TRACK);
  }

  @Test
  void tenMetadataTagsPerFragmentAreFineAndElevenAre4009() {
    byte[] ten = TestMkv.concat(TestMkv.header(1), TestMkv.metadata("camera", 4), TestMkv.metadata("site", 6),
        TestMkv.cluster(0, 1, 3, 10, 10), TestMkv.metadata("camera", 10), TestMkv.cluster(100, 1, 3, 10, 10));
    List<IngestEvent> fine = run(new FragmentAssembler(0), ten, 17);
    assertThat(fine).noneMatch(IngestEvent.Failed.class::isInstance);
    assertThat(fragments(fine)).hasSize(2);
    byte[] eleven = TestMkv.concat(TestMkv.header(1), TestMkv.cluster(0, 1, 3, 10, 10),
        TestMkv.metadata("camera", 5), TestMkv.metadata("site", 6), TestMkv.cluster(100, 1, 3, 10, 10));
    List<IngestEvent> events = run(new FragmentAssembler(0), eleven, 17);
    assertThat(failure(events).code()).isEqualTo(AckErrorCode.FRAGMENT_METADATA_LIMIT_REACHED);
    assertThat(fragments(events)).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 7, 1 << 16})
  void metadataTagsGoWithTheFragmentTheyPrecedeAndNoFurther(int chunk) {
    byte[] body = TestMkv.concat(TestMkv.header(1), TestMkv.tags("site", "lab", "motion", "true"),
        TestMkv.cluster(0, 1, 3, 10, 10), TestMkv.tags("site", "lab"), TestMkv.cluster(100, 1, 3, 10, 10),
        TestMkv.cluster(200, 1, 3, 10, 10), TestMkv.tags("late", "x"));
    List<IngestEvent> events = run(new FragmentAssembler(0), body, chunk);
    assertThat(events).noneMatch(IngestEvent.Failed.class::isInstance);
    List<List<MetadataTag>> expected = List.of(
        List.of(new MetadataTag("site", "lab"), new MetadataTag("motion", "true")),
        List.of(new MetadataTag("site", "lab")), List.of());
    assertThat(fragments(events)).extracting(IngestEvent.FragmentReady::metadata).containsExactlyElementsOf(expected);
    assertThat(events).filteredOn(IngestEvent.FragmentStarted.class::isInstance)
        .extracting(e -> ((IngestEvent.FragmentStarted) e).metadata()).containsExactlyElementsOf(expected);
  }

  /**
   * Open GOP: a B-frame stored after its cluster's key frame but shown before it has a negative
   * relative timecode. It is a valid frame: stored byte for byte, the fragment's timecode and
   * duration (to its latest frame) unchanged, no 4004, 4006 or 4007.
   */
  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4096})
  void aNegativeRelativeBlockTimecodeIsStoredAsSent(int chunk) {
    byte[] original = TestMkv.clustersMkv();
    byte[] openGop = TestMkv.withRelativeTimecode(original, 1, 1, (short) -20);
    List<IngestEvent.FragmentReady> before = fragments(run(new FragmentAssembler(1_000_000), original, 4096));
    List<IngestEvent> events = run(new FragmentAssembler(1_000_000), openGop, chunk);
    assertThat(events).noneMatch(IngestEvent.Failed.class::isInstance);
    List<IngestEvent.FragmentReady> after = fragments(events);
    assertThat(after).extracting(IngestEvent.FragmentReady::frameCount)
        .containsExactlyElementsOf(TestMkv.CLUSTERS_MKV_FRAMES);
    assertThat(after).extracting(IngestEvent.FragmentReady::producerMillis)
        .containsExactlyElementsOf(before.stream().map(IngestEvent.FragmentReady::producerMillis).toList());
    assertThat(after).extracting(IngestEvent.FragmentReady::durationMillis)
        .containsExactlyElementsOf(before.stream().map(IngestEvent.FragmentReady::durationMillis).toList());
    byte[] cluster = after.get(1).cluster();
    assertThat(cluster).isNotEqualTo(before.get(1).cluster());
    assertThat(indexOf(openGop, Arrays.copyOfRange(cluster, LiveFragment.CLUSTER_HEADER_BYTES, cluster.length)))
        .isPositive();
    List<Frame> frames = new ArrayList<>();
    MkvParser parser = new MkvParser(e -> {
      if (e instanceof Frame f) {
        frames.add(f.copy());
      }
    });
    parser.feed(ByteBuffer.wrap(TestMkv.concat(TestMkv.header(1), cluster)));
    assertThat(frames.get(1).timecode()).isEqualTo(1999 - 20);
    assertThat(frames.get(0).timecode()).isEqualTo(1999);
  }

  static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  @Test
  void timecodesPastWhatNanosecondsHoldAre4007() {
    long last = Long.MAX_VALUE / 1_000_000L;
    byte[] cluster = MkvWriter.cluster(last + 1, List.of(Block.of(1, last + 1, true, new byte[10])));
    List<IngestEvent> events = run(new FragmentAssembler(0), TestMkv.concat(TestMkv.header(1),
        TestMkv.cluster(0, 1, 1, 10, 10), cluster), 13);
    assertThat(failure(events).code()).isEqualTo(AckErrorCode.INVALID_PRODUCER_TIMESTAMP);
    assertThat(failure(events).reason()).contains("overflows");
    assertThat(fragments(events)).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"AWS_KINESISVIDEO_FRAGMENT_NUMBER", "AWSmine", "", "n>128", "v>256"})
  void invalidMetadataIs4012(String kind) {
    String name = switch (kind) {
      case "n>128" -> "n".repeat(129);
      case "v>256" -> "name";
      default -> kind;
    };
    String value = kind.equals("v>256") ? "v".repeat(257) : "1";
    byte[] body = TestMkv.concat(TestMkv.header(1), TestMkv.cluster(0, 1, 3, 10, 10), TestMkv.tags(name, value),
        TestMkv.cluster(100, 1, 3, 10, 10));
    List<IngestEvent> events = run(new FragmentAssembler(0), body, 5);
    assertThat(failure(events).code()).isEqualTo(AckErrorCode.INVALID_FRAGMENT_METADATA);
    assertThat(fragments(events)).hasSize(1);
  }

  @Test
  void truncatedBodyIs4006AndKeepsTheWholeFragmentsBefore() {
    byte[] body = TestMkv.clustersMkv();
    byte[] cut = Arrays.copyOf(body, body.length - 5000);
    List<IngestEvent> events = run(new FragmentAssembler(0), cut, 8192);
    assertThat(fragments(events)).hasSize(7);
    assertThat(failure(events).code()).isEqualTo(AckErrorCode.INVALID_MKV_DATA);
  }

  @Test
  void clusterBeforeTracksIs4006() {
    byte[] body = TestMkv.cluster(0, 1, 3, 10, 10);
    assertThat(failure(run(new FragmentAssembler(0), body, 5)).code()).isEqualTo(AckErrorCode.INVALID_MKV_DATA);
  }

  @Test
  void randomGarbageIsRejectedCleanly() {
    Random random = new Random(11);
    for (int i = 0; i < 300; i++) {
      byte[] garbage = new byte[1 + random.nextInt(2000)];
      random.nextBytes(garbage);
      List<IngestEvent> events = run(new FragmentAssembler(0), garbage, 1 + random.nextInt(100));
      assertThat(fragments(events)).isEmpty();
      assertThat(events).filteredOn(IngestEvent.Failed.class::isInstance).hasSizeLessThanOrEqualTo(1);
    }
  }

  @Test
  void garbageAfterValidFragmentsFailsAfterThem() {
    byte[] garbage = new byte[500];
    new Random(5).nextBytes(garbage);
    garbage[0] = 0x00; // no EBML ID starts with a zero byte
    byte[] body = TestMkv.concat(TestMkv.header(1), TestMkv.cluster(0, 1, 3, 10, 10), garbage);
    List<IngestEvent> events = run(new FragmentAssembler(0), body, 64);
    assertThat(fragments(events)).extracting(IngestEvent.FragmentReady::frameCount).containsExactly(3);
    assertThat(failure(events).code()).isEqualTo(AckErrorCode.INVALID_MKV_DATA);
  }

  private static IngestEvent.Failed failure(List<IngestEvent> events) {
    List<IngestEvent.Failed> failures = events.stream().filter(IngestEvent.Failed.class::isInstance)
        .map(IngestEvent.Failed.class::cast).toList();
    assertThat(failures).hasSize(1);
    return failures.get(0);
  }
}
