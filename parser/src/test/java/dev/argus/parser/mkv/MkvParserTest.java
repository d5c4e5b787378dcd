package dev.argus.parser.mkv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.argus.parser.write.Block;
import dev.argus.parser.write.MkvWriter;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class MkvParserTest {

  private static final String MERGED = "output_get_media_sparse_fragments_merged.mkv";

  static Stream<Arguments> capturesAndChunks() {
    return Recorder.captures().stream()
        .flatMap(name -> Stream.of(1, 2, 3, 0).map(chunk -> Arguments.of(name, chunk)));
  }

  @ParameterizedTest(name = "{0} in chunks of {1}")
  @MethodSource("capturesAndChunks")
  void chunkingDoesNotChangeEvents(String name, int chunk) {
    byte[] bytes = Recorder.capture(name);
    boolean verify = !name.equals(MERGED);
    List<MkvEvent> whole = Recorder.whole(bytes, verify);
    assertThat(whole).last().isInstanceOf(MkvEvent.EndOfStream.class);
    assertThat(Recorder.chunked(bytes, chunk, name.hashCode(), verify)).isEqualTo(whole);
  }

  @Test
  void frameOffsetsSliceTheBlocksOutOfTheInput() {
    byte[] bytes = Recorder.capture("bezos_vogels.mkv");
    List<MkvEvent> events = Recorder.whole(bytes, true);
    List<Frame> frames = events.stream().filter(Frame.class::isInstance).map(Frame.class::cast).toList();
    assertThat(frames).hasSize(546);
    for (Frame frame : frames) {
      byte[] element = Arrays.copyOfRange(bytes, (int) frame.startOffset(), (int) frame.endOffset());
      assertThat(element[0]).isEqualTo((byte) MkvIds.SIMPLE_BLOCK);
      byte[] tail = Arrays.copyOfRange(element, element.length - frame.size(), element.length);
      assertThat(tail).isEqualTo(frame.bytes());
    }
    assertThat(frames).extracting(Frame::timestampNanos).isSorted();
  }

  @Test
  void clusterOffsetsSliceWholeClusters() {
    byte[] bytes = Recorder.capture("output_get_media.mkv");
    List<MkvEvent> events = Recorder.whole(bytes, true);
    List<MkvEvent.ClusterStart> starts = events.stream().filter(MkvEvent.ClusterStart.class::isInstance)
        .map(MkvEvent.ClusterStart.class::cast).toList();
    List<MkvEvent.ClusterEnd> ends = events.stream().filter(MkvEvent.ClusterEnd.class::isInstance)
        .map(MkvEvent.ClusterEnd.class::cast).toList();
    assertThat(starts).hasSize(5);
    assertThat(ends).extracting(MkvEvent.ClusterEnd::startOffset)
        .isEqualTo(starts.stream().map(MkvEvent.ClusterStart::startOffset).toList());
    for (int i = 0; i < 5; i++) {
      byte[] cluster = Arrays.copyOfRange(bytes, (int) starts.get(i).startOffset(), (int) ends.get(i).endOffset());
      List<MkvEvent> alone = Recorder.whole(withHeader(cluster), true);
      assertThat(alone.stream().filter(Frame.class::isInstance).count()).isEqualTo(60);
    }
  }

  @Test
  void truncatedCaptureIsParsedUpToItsLastCompleteFrame() {
    byte[] bytes = Recorder.capture("output-get-media-non-increasing-timecode.mkv");
    List<MkvEvent> events = Recorder.whole(bytes, true);
    MkvEvent.EndOfStream end = (MkvEvent.EndOfStream) events.get(events.size() - 1);
    assertThat(end.truncated()).isTrue();
    assertThat(end.startOffset()).isEqualTo(bytes.length);
    Frame last = (Frame) events.get(events.size() - 2);
    assertThat(last.endOffset()).isLessThanOrEqualTo(bytes.length);
    assertThat(events.stream().filter(Frame.class::isInstance).count()).isEqualTo(358);

    MkvParser strict = new MkvParser(e -> { });
    strict.feed(ByteBuffer.wrap(bytes));
    assertThatThrownBy(strict::finishComplete).isInstanceOf(TruncatedInputException.class);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void anyCutGivesAPrefixOfTheWholeEvents(long seed) {
    byte[] bytes = Recorder.capture("output_get_media.mkv");
    List<MkvEvent> whole = Recorder.whole(bytes, true);
    int cut = new Random(seed).nextInt(bytes.length);
    List<MkvEvent> events = Recorder.whole(Arrays.copyOf(bytes, cut), true);
    MkvEvent.EndOfStream end = (MkvEvent.EndOfStream) events.get(events.size() - 1);
    assertThat(end.startOffset()).isEqualTo(cut);
    // An unknown-size Segment or Cluster cut between elements ends cleanly; otherwise it is truncation.
    List<MkvEvent> body = events.subList(0, events.size() - 1).stream()
        .filter(e -> !(e instanceof MkvEvent.ClusterEnd && ((MkvEvent.ClusterEnd) e).endOffset() == cut))
        .filter(e -> !(e instanceof MkvEvent.SegmentEnd && ((MkvEvent.SegmentEnd) e).endOffset() == cut))
        .toList();
    assertThat(whole).startsWith(body.toArray(MkvEvent[]::new));
    assertThat(end.truncated()).isTrue();
  }

  @Test
  void emptyInputIsAnEmptyCompleteStream() {
    assertThat(Recorder.whole(new byte[0], true)).containsExactly(new MkvEvent.EndOfStream(0, false));
  }

  @Test
  void flippedClusterByteFailsTheClusterCrc() {
    byte[] bytes = Recorder.capture("bezos_vogels.mkv");
    List<MkvEvent> events = Recorder.whole(bytes, true);
    Frame frame = events.stream().filter(Frame.class::isInstance).map(Frame.class::cast).skip(10).findFirst()
        .orElseThrow();
    bytes[(int) frame.endOffset() - 1] ^= 0x40;
    assertThatThrownBy(() -> Recorder.whole(bytes, true)).isInstanceOf(CrcMismatchException.class);
    assertThat(Recorder.whole(bytes, false)).hasSameSizeAs(events);
  }

  @Test
  void failedParserRethrowsAndFinishedParserRefuses() {
    MkvParser parser = new MkvParser(e -> { });
    ByteBuffer garbage = ByteBuffer.wrap(new byte[] {0, 0, 0, 0});
    assertThatThrownBy(() -> parser.feed(garbage)).isInstanceOf(MalformedMkvException.class);
    assertThatThrownBy(() -> parser.feed(ByteBuffer.wrap(new byte[1]))).isInstanceOf(MalformedMkvException.class);
    MkvParser done = new MkvParser(e -> { });
    done.finish();
    assertThatThrownBy(() -> done.feed(ByteBuffer.allocate(1))).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void elementsOverTheLimitsAreRefusedBeforeBeingBuffered() {
    byte[] bytes = Recorder.capture("bezos_vogels.mkv");
    MkvParser parser = new MkvParser(e -> { }, new ParserLimits(1 << 20, 4096, 4, 8));
    assertThatThrownBy(() -> parser.feed(ByteBuffer.wrap(bytes)))
        .isInstanceOfSatisfying(ElementTooLargeException.class, e -> {
          assertThat(e.elementId()).isEqualTo(MkvIds.SIMPLE_BLOCK);
          assertThat(e.limit()).isEqualTo(4096);
          assertThat(e.size()).isGreaterThan(4096);
        });
    MkvParser small = new MkvParser(e -> { }, new ParserLimits(64, 1 << 20, 4, 8));
    assertThatThrownBy(() -> small.feed(ByteBuffer.wrap(bytes))).isInstanceOf(ElementTooLargeException.class);
  }

  @ParameterizedTest
  @ValueSource(longs = {11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
  void randomGarbageIsRejectedCleanly(long seed) {
    Random random = new Random(seed);
    for (int i = 0; i < 200; i++) {
      byte[] garbage = new byte[random.nextInt(2048)];
      random.nextBytes(garbage);
      assertOnlyTypedFailures(garbage);
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {21, 22, 23, 24, 25})
  void mutatedCapturesFailOnlyWithTypedErrors(long seed) {
    byte[] original = Recorder.capture("test_mixed_tags.mkv");
    Random random = new Random(seed);
    for (int i = 0; i < 200; i++) {
      byte[] bytes = original.clone();
      for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
        bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
      }
      assertOnlyTypedFailures(bytes);
    }
  }

  private static void assertOnlyTypedFailures(byte[] bytes) {
    try {
      Recorder.whole(bytes, true);
    } catch (MkvException expected) {
      assertThat(expected.offset()).isBetween(0L, (long) bytes.length);
    }
  }

  @Test
  void unknownSizeClustersEndAtTheNextClusterOrTags() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(MkvWriter.header(SegmentInfo.live("t"), List.of(TrackInfo.video(1, "V_TEST", null, 2, 2))));
    out.writeBytes(hex("1f43b675 01ffffffffffffff e781 00 a3 85 81 0000 80 aa"));
    out.writeBytes(hex("1f43b675 01ffffffffffffff e782 03e8 a3 85 81 0005 00 bb"));
    out.writeBytes(hex("1254c367 8d 7373 8a 67c8 87 45a3 81 41 4487 80"));
    List<MkvEvent> events = Recorder.whole(out.toByteArray(), true);
    List<String> kinds = events.stream().map(e -> e.getClass().getSimpleName()).toList();
    assertThat(kinds).containsExactly("Ebml", "SegmentStart", "Info", "Tracks", "ClusterStart", "Frame", "ClusterEnd",
        "ClusterStart", "Frame", "ClusterEnd", "Tags", "SegmentEnd", "EndOfStream");
    Frame second = (Frame) events.get(8);
    assertThat(second.timecode()).isEqualTo(1005);
    assertThat(second.timestampMillis()).isEqualTo(1005);
    assertThat(second.keyFrame()).isFalse();
    assertThat(((MkvEvent.Tags) events.get(10)).tags().get(0).simpleTags())
        .containsExactly(SimpleTag.of("A", ""));
  }

  @Test
  void lacedBlocksYieldOneFramePerLace() {
    // Xiph: 3 laces of sizes 2, 1 and the rest (3).
    List<Frame> xiph = frames(MkvIds.SIMPLE_BLOCK, "81 0000 82 02 02 01 1111 22 333333");
    assertThat(xiph).extracting(Frame::size).containsExactly(2, 1, 3);
    assertThat(xiph).extracting(Frame::laceIndex).containsExactly(0, 1, 2);
    assertThat(xiph.get(2).bytes()).isEqualTo(hex("333333"));
    // Xiph with a size over 255: 255 + 1 = 256, then the rest (1).
    byte[] big = new byte[257];
    List<Frame> xiphBig = frames(MkvIds.SIMPLE_BLOCK, "81 0000 82 01 ff01 " + HexFormat.of().formatHex(big));
    assertThat(xiphBig).extracting(Frame::size).containsExactly(256, 1);
    // EBML: first 3, then +(-1) = 2, then the rest (1).
    List<Frame> ebml = frames(MkvIds.SIMPLE_BLOCK, "81 0000 86 02 83 be 111111 2222 33");
    assertThat(ebml).extracting(Frame::size).containsExactly(3, 2, 1);
    // Fixed: 4 bytes in 2 laces.
    List<Frame> fixed = frames(MkvIds.SIMPLE_BLOCK, "81 0000 84 01 1111 2222");
    assertThat(fixed).extracting(Frame::size).containsExactly(2, 2);
    assertThat(fixed).allMatch(f -> f.laceCount() == 2 && f.keyFrame());
    assertThatThrownBy(() -> frames(MkvIds.SIMPLE_BLOCK, "81 0000 84 01 111122")).isInstanceOf(MalformedMkvException.class);
    assertThatThrownBy(() -> frames(MkvIds.SIMPLE_BLOCK, "81 0000 82 02 ff")).isInstanceOf(MalformedMkvException.class);
  }

  @Test
  void blockGroupsAreKeyFramesUnlessReferenced() {
    List<Frame> key = frames(MkvIds.BLOCK_GROUP, "a1 86 82 0001 00 abcd");
    assertThat(key).singleElement().satisfies(f -> {
      assertThat(f.keyFrame()).isTrue();
      assertThat(f.trackNumber()).isEqualTo(2);
      assertThat(f.timecode()).isEqualTo(1);
      assertThat(f.bytes()).isEqualTo(hex("abcd"));
    });
    List<Frame> referenced = frames(MkvIds.BLOCK_GROUP, "a1 86 82 0001 00 abcd fb 81 ff");
    assertThat(referenced).singleElement().extracting(Frame::keyFrame).isEqualTo(false);
    assertThatThrownBy(() -> frames(MkvIds.BLOCK_GROUP, "fb 81 ff")).isInstanceOf(MalformedMkvException.class);
  }

  @Test
  void structuralErrorsAreMalformed() {
    // A block before the Cluster's Timecode.
    assertThatThrownBy(() -> Recorder.whole(withHeader(hex("1f43b675 85 a3 83 81 0000")), true))
        .isInstanceOf(MalformedMkvException.class);
    // A child overrunning its known-size Cluster.
    assertThatThrownBy(() -> Recorder.whole(withHeader(hex("1f43b675 84 e781 00 a3 85 81 0000 80 aa")), true))
        .isInstanceOf(MalformedMkvException.class);
    // An unknown-size element other than Segment or Cluster.
    assertThatThrownBy(() -> Recorder.whole(withHeader(hex("1254c367 ff")), true))
        .isInstanceOf(MalformedMkvException.class);
    // A top-level element that is neither EBML nor Segment.
    assertThatThrownBy(() -> Recorder.whole(hex("1f43b675 80"), true)).isInstanceOf(MalformedMkvException.class);
  }

  @Test
  void timecodeScaleScalesFrameTimestamps() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(MkvWriter.header(new SegmentInfo(1000, Double.NaN, "", "m", "w"),
        List.of(TrackInfo.video(1, "V_TEST", null, 2, 2))));
    out.writeBytes(MkvWriter.cluster(5000, List.of(Block.of(1, 5003, true, new byte[] {1}))));
    Frame frame = (Frame) Recorder.whole(out.toByteArray(), true).stream().filter(Frame.class::isInstance)
        .findFirst().orElseThrow();
    assertThat(frame.timecode()).isEqualTo(5003);
    assertThat(frame.timestampNanos()).isEqualTo(5_003_000);
  }

  @Test
  void timecodesWhoseNanosecondsOverflowAreTypedErrorsBeforeTheirEvent() {
    long last = Long.MAX_VALUE / 1_000_000L; // the last millisecond tick whose nanoseconds fit
    // The cluster's own timecode overflows: no ClusterStart is reported.
    byte[] cluster = withHeader(MkvWriter.cluster(last + 1, List.of(Block.of(1, last + 1, true, new byte[] {1}))));
    Recorder early = new Recorder();
    MkvParser parser = new MkvParser(early);
    assertThatThrownBy(() -> parser.feed(ByteBuffer.wrap(cluster)))
        .isInstanceOfSatisfying(TimecodeOverflowException.class, e -> {
          assertThat(e.timecode()).isEqualTo(last + 1);
          assertThat(e.timecodeScale()).isEqualTo(1_000_000L);
        });
    assertThat(early.events).noneMatch(MkvEvent.ClusterStart.class::isInstance);
    // The cluster fits but a block's relative timecode takes it past the end: no Frame.
    byte[] block = withHeader(MkvWriter.cluster(last, List.of(Block.of(1, last + 1, true, new byte[] {1}))));
    Recorder late = new Recorder();
    assertThatThrownBy(() -> new MkvParser(late).feed(ByteBuffer.wrap(block)))
        .isInstanceOf(TimecodeOverflowException.class);
    assertThat(late.events).anyMatch(MkvEvent.ClusterStart.class::isInstance).noneMatch(Frame.class::isInstance);
    // An 8-byte Timecode above Long.MAX_VALUE ticks.
    assertThatThrownBy(() -> Recorder.whole(withHeader(hex("1f43b675 90 e7 88 ffffffffffffffff a3 84 81 0000 80")),
        true)).isInstanceOf(TimecodeOverflowException.class);
  }

  /** The frames of one Cluster (Timecode 0) holding one element {@code id} with body {@code bodyHex}. */
  private static List<Frame> frames(int id, String bodyHex) {
    byte[] body = hex(bodyHex);
    ByteBuffer element = ByteBuffer.allocate(body.length + 12);
    dev.argus.parser.ebml.Vint.putId(element, id);
    dev.argus.parser.ebml.Vint.putSize(element, body.length, dev.argus.parser.ebml.Vint.sizeLength(body.length));
    element.put(body).flip();
    byte[] block = new byte[element.remaining()];
    element.get(block);
    ByteBuffer cluster = ByteBuffer.allocate(block.length + 16);
    cluster.put(hex("1f43b675"));
    dev.argus.parser.ebml.Vint.putSize(cluster, block.length + 3L, 8);
    cluster.put(hex("e781 00")).put(block).flip();
    byte[] clusterBytes = new byte[cluster.remaining()];
    cluster.get(clusterBytes);
    return Recorder.whole(withHeader(clusterBytes), true).stream().filter(Frame.class::isInstance)
        .map(Frame.class::cast).toList();
  }

  private static byte[] withHeader(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(MkvWriter.header(SegmentInfo.live("t"), List.of(TrackInfo.video(1, "V_TEST", null, 2, 2))));
    out.writeBytes(body);
    return out.toByteArray();
  }

  static byte[] hex(String spaced) {
    return HexFormat.of().parseHex(spaced.replace(" ", ""));
  }
}
