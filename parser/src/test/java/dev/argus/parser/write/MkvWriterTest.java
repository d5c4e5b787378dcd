package dev.argus.parser.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.kinesisvideo.parser.ebml.InputStreamParserByteSource;
import com.amazonaws.kinesisvideo.parser.mkv.StreamingMkvReader;
import com.amazonaws.kinesisvideo.parser.utilities.FragmentMetadataVisitor;
import com.amazonaws.kinesisvideo.parser.utilities.FrameVisitor;
import com.amazonaws.kinesisvideo.parser.utilities.MkvTrackMetadata;
import dev.argus.parser.kvs.FragmentListener;
import dev.argus.parser.kvs.FragmentMetadata;
import dev.argus.parser.kvs.FragmentVisitor;
import dev.argus.parser.kvs.KvsTags;
import dev.argus.parser.mkv.EbmlHeader;
import dev.argus.parser.mkv.Frame;
import dev.argus.parser.mkv.MkvEvent;
import dev.argus.parser.mkv.MkvParser;
import dev.argus.parser.mkv.Recorder;
import dev.argus.parser.mkv.SegmentInfo;
import dev.argus.parser.mkv.SimpleTag;
import dev.argus.parser.mkv.Tag;
import dev.argus.parser.mkv.TrackInfo;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MkvWriterTest {

  private static final byte[] AVCC = {1, 77, 64, 30, (byte) 0xff, (byte) 0xe1, 0, 4, 0x67, 77, 64, 30, 1, 0, 2, 0x68, 1};
  private static final List<TrackInfo> TRACKS = List.of(
      new TrackInfo(1, 1, TrackInfo.TYPE_VIDEO, "V_MPEG4/ISO/AVC", AVCC, "video", 33_333_333, 640, 360, 0, 0),
      TrackInfo.audio(2, "A_AAC", new byte[] {0x12, 0x10}, 48000, 2));

  /** What was written: one entry per block, in order (data as Base64, so records compare by value). */
  private record Written(long fragment, long track, long timecode, boolean key, String data) {
    Written(long fragment, long track, long timecode, boolean key, byte[] data) {
      this(fragment, track, timecode, key, java.util.Base64.getEncoder().encodeToString(data));
    }
  }

  /** GetMedia-shaped output: per fragment a Segment with header, leading Tags, a Cluster, trailing Tags. */
  private static byte[] getMediaLike(int fragments, Random random, List<Written> written, List<FragmentMetadata> metas) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    MkvWriter writer = new MkvWriter(out);
    for (int f = 0; f < fragments; f++) {
      writer.writeEbmlHeader(EbmlHeader.MATROSKA);
      writer.writeSegmentStart();
      writer.writeInfo(SegmentInfo.live("argus-test"));
      writer.writeTracks(TRACKS);
      long clusterTimecode = 2000L * f;
      FragmentMetadata meta = FragmentMetadata.of("9134385233318143239268206260774392014615916939" + f,
          Instant.ofEpochMilli(1_511_852_109_126L + 2000L * f), Instant.ofEpochMilli(1_511_852_108_513L + 2000L * f))
          .with(java.util.Map.of(KvsTags.MILLIS_BEHIND_NOW, Long.toString(15858 - f),
              KvsTags.CONTINUATION_TOKEN, "123" + f, "CAMERA", "door-" + f));
      metas.add(meta);
      writer.writeTags(meta.leadingTags());
      List<Block> blocks = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        long track = i % 3 == 2 ? 2 : 1;
        byte[] data = new byte[1 + random.nextInt(i == 0 ? 20000 : 3000)];
        random.nextBytes(data);
        long timecode = clusterTimecode + 33L * i;
        boolean key = track == 1 && i == 0;
        blocks.add(Block.of(track, timecode, key, data));
        written.add(new Written(f, track, timecode, key, data));
      }
      writer.writeCluster(clusterTimecode, blocks);
      writer.writeTags(meta.trailingTags());
    }
    return out.toByteArray();
  }

  @Test
  void clustersStreamedFrameByFrameReadBackLikeClustersWrittenWhole() {
    Random random = new Random(7);
    ByteArrayOutputStream whole = new ByteArrayOutputStream();
    ByteArrayOutputStream streamed = new ByteArrayOutputStream();
    byte[] header = MkvWriter.header(SegmentInfo.live("test"), TRACKS);
    whole.writeBytes(header);
    streamed.writeBytes(header);
    for (int cluster = 0; cluster < 3; cluster++) {
      long timecode = 1_700_000_000_000L + cluster * 2000L;
      List<Block> blocks = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        byte[] data = new byte[1 + random.nextInt(300)];
        random.nextBytes(data);
        // one block presented before its cluster's timecode (open-GOP B-frame): negative relative time
        long pts = timecode + (i == 1 ? -40 : i * 33L);
        blocks.add(Block.of(1, pts, i == 0, data));
      }
      whole.writeBytes(MkvWriter.cluster(timecode, blocks));
      streamed.writeBytes(MkvWriter.clusterStart(timecode));
      for (Block block : blocks) {
        streamed.writeBytes(MkvWriter.simpleBlock(timecode, block));
      }
    }
    List<String> fromWhole = framesAndClusters(whole.toByteArray());
    assertThat(fromWhole).hasSize(3 * 12);
    assertThat(framesAndClusters(streamed.toByteArray())).isEqualTo(fromWhole);
    assertThatThrownBy(() -> MkvWriter.simpleBlock(0, Block.of(1, 40_000, true, new byte[1])))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static List<String> framesAndClusters(byte[] bytes) {
    List<String> seen = new ArrayList<>();
    MkvEvent.EndOfStream end = MkvParser.parse(ByteBuffer.wrap(bytes), event -> {
      if (event instanceof MkvEvent.ClusterStart start) {
        seen.add("cluster " + start.timecode());
      } else if (event instanceof MkvEvent.ClusterEnd) {
        seen.add("end");
      } else if (event instanceof Frame frame) {
        seen.add(frame.trackNumber() + " " + frame.timecode() + " " + frame.keyFrame() + " "
            + java.util.Arrays.toString(frame.bytes()));
      }
    });
    assertThat(end.truncated()).isFalse();
    return seen;
  }

  @Test
  void outputReadsBackThroughOurParserWithFramesAndFragments() {
    List<Written> written = new ArrayList<>();
    List<FragmentMetadata> metas = new ArrayList<>();
    byte[] bytes = getMediaLike(4, new Random(1), written, metas);
    List<Written> read = new ArrayList<>();
    List<FragmentMetadata> fragments = new ArrayList<>();
    List<MkvEvent.Tracks> tracks = new ArrayList<>();
    MkvEvent.EndOfStream end = MkvParser.parse(ByteBuffer.wrap(bytes), new FragmentVisitor(new FragmentListener() {
      @Override
      public void onTracks(MkvEvent.Tracks event) {
        tracks.add(event);
      }

      @Override
      public void onFrame(Frame frame, FragmentMetadata fragment) {
        long index = Long.parseLong(fragment.fragmentNumber().orElseThrow().substring(46));
        read.add(new Written(index, frame.trackNumber(), frame.timecode(), frame.keyFrame(), frame.bytes()));
      }

      @Override
      public void onFragmentEnd(FragmentMetadata fragment, int frames) {
        fragments.add(fragment);
        assertThat(frames).isEqualTo(30);
      }
    }));
    assertThat(end.truncated()).isFalse();
    assertThat(read).isEqualTo(written);
    assertThat(fragments).isEqualTo(metas);
    assertThat(tracks).hasSize(4).allSatisfy(t -> assertThat(t.tracks()).isEqualTo(TRACKS));
  }

  @Test
  void outputReadsBackThroughTheKvsParserLibraryWithTheSameFramesAndTags() throws Exception {
    List<Written> written = new ArrayList<>();
    List<FragmentMetadata> metas = new ArrayList<>();
    byte[] bytes = getMediaLike(3, new Random(2), written, metas);

    List<Written> read = new ArrayList<>();
    java.util.Map<Long, com.amazonaws.kinesisvideo.parser.utilities.FragmentMetadata> theirs = new java.util.TreeMap<>();
    List<String> tags = new ArrayList<>();
    List<MkvTrackMetadata> trackMetadata = new ArrayList<>();
    FragmentMetadataVisitor.MkvTagProcessor tagProcessor = new FragmentMetadataVisitor.MkvTagProcessor() {
      @Override
      public void process(com.amazonaws.kinesisvideo.parser.utilities.MkvTag tag,
          Optional<com.amazonaws.kinesisvideo.parser.utilities.FragmentMetadata> fragment) {
        tags.add(tag.getTagName() + "=" + tag.getTagValue());
      }

      @Override
      public void clear() {
      }
    };
    FrameVisitor frames = FrameVisitor.create(new FrameVisitor.FrameProcessor() {
      @Override
      public void process(com.amazonaws.kinesisvideo.parser.mkv.Frame frame, MkvTrackMetadata track,
          Optional<com.amazonaws.kinesisvideo.parser.utilities.FragmentMetadata> fragment,
          Optional<FragmentMetadataVisitor.MkvTagProcessor> tagProcessor) {
        process(frame, track, fragment);
      }

      @Override
      public void process(com.amazonaws.kinesisvideo.parser.mkv.Frame frame, MkvTrackMetadata track,
          Optional<com.amazonaws.kinesisvideo.parser.utilities.FragmentMetadata> fragment,
          Optional<FragmentMetadataVisitor.MkvTagProcessor> tagProcessor, Optional<java.math.BigInteger> timecodeScale,
          Optional<java.math.BigInteger> clusterTimecode) {
        process(frame, track, fragment);
      }

      @Override
      public void process(com.amazonaws.kinesisvideo.parser.mkv.Frame frame, MkvTrackMetadata track,
          Optional<com.amazonaws.kinesisvideo.parser.utilities.FragmentMetadata> fragment) {
        var meta = fragment.orElseThrow();
        long index = Long.parseLong(meta.getFragmentNumberString().substring(46));
        theirs.put(index, meta);
        var ours = metas.get((int) index);
        assertThat(meta.getServerSideTimestampMillis()).isEqualTo(ours.serverTimestamp().orElseThrow().toEpochMilli());
        assertThat(meta.getProducerSideTimestampMillis())
            .isEqualTo(ours.producerTimestamp().orElseThrow().toEpochMilli());
        ByteBuffer data = frame.getFrameData();
        byte[] copy = new byte[data.remaining()];
        data.get(copy);
        read.add(new Written(index, frame.getTrackNumber(), 2000L * index + frame.getTimeCode(), frame.isKeyFrame(),
            copy));
        if (trackMetadata.size() < 2 && trackMetadata.stream().noneMatch(t -> t.getTrackNumber().longValue()
            == frame.getTrackNumber())) {
          trackMetadata.add(track);
        }
      }
    }, Optional.of(tagProcessor));
    StreamingMkvReader.createDefault(new InputStreamParserByteSource(new ByteArrayInputStream(bytes))).apply(frames);

    assertThat(read).isEqualTo(written);
    // The library hands its tag processor the tags that are not its own AWS_KINESISVIDEO_* ones...
    assertThat(tags).containsExactly("CAMERA=door-0", "CAMERA=door-1", "CAMERA=door-2");
    // ...and sets the trailing ones on the fragment metadata it gave the frames.
    assertThat(theirs).hasSize(3);
    theirs.forEach((index, meta) -> {
      FragmentMetadata ours = metas.get(index.intValue());
      assertThat(meta.getMillisBehindNow()).isEqualTo(ours.millisBehindNow());
      assertThat(meta.getContinuationToken()).isEqualTo(ours.continuationToken());
      assertThat(meta.getFragmentNumberString()).isEqualTo(ours.fragmentNumber().orElseThrow());
    });
    assertThat(trackMetadata).extracting(t -> t.getCodecId()).containsExactly("V_MPEG4/ISO/AVC", "A_AAC");
    MkvTrackMetadata video = trackMetadata.get(0);
    assertThat(video.getPixelWidth().orElseThrow().intValue()).isEqualTo(640);
    assertThat(video.getPixelHeight().orElseThrow().intValue()).isEqualTo(360);
    ByteBuffer codecPrivate = video.getCodecPrivateData();
    byte[] cp = new byte[codecPrivate.remaining()];
    codecPrivate.get(cp);
    assertThat(cp).isEqualTo(AVCC);
    // Library 1.2.5 reports SamplingFrequency and Channels of this audio track as empty (so we
    // check what it does report); our parser reads both back (test above).
    ByteBuffer audioPrivate = trackMetadata.get(1).getCodecPrivateData();
    assertThat(audioPrivate.remaining()).isEqualTo(2);
    assertThat(audioPrivate.get(audioPrivate.position())).isEqualTo((byte) 0x12);
  }

  /** Rewrites a real H.264 capture with our writer and asks ffprobe, when installed, what it sees. */
  @Test
  void realH264RewrittenByUsReadsBackThroughFfprobe(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(onPath("ffprobe"), "ffprobe is not installed");
    byte[] source = Recorder.capture("bezos_vogels.mkv");
    List<MkvEvent> events = Recorder.whole(source, true);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    MkvEvent.Tracks tracks = events.stream().filter(MkvEvent.Tracks.class::isInstance)
        .map(MkvEvent.Tracks.class::cast).findFirst().orElseThrow();
    out.writeBytes(MkvWriter.header(SegmentInfo.live("argus-test"), tracks.tracks()));
    MkvWriter writer = new MkvWriter(out);
    long clusterTimecode = -1;
    List<Block> blocks = new ArrayList<>();
    for (MkvEvent event : events) {
      if (event instanceof MkvEvent.ClusterStart start) {
        clusterTimecode = start.timecode();
      } else if (event instanceof Frame frame) {
        blocks.add(new Block(frame.trackNumber(), frame.timecode(), frame.keyFrame(), frame.data()));
      } else if (event instanceof MkvEvent.ClusterEnd) {
        writer.writeCluster(clusterTimecode, blocks);
        blocks.clear();
      }
    }
    java.nio.file.Path file = dir.resolve("rewritten.mkv");
    java.nio.file.Files.write(file, out.toByteArray());
    Process probe = new ProcessBuilder("ffprobe", "-v", "error", "-count_packets", "-select_streams", "v:0",
        "-show_entries", "stream=codec_name,width,height,nb_read_packets", "-of", "csv=p=0", file.toString())
        .redirectErrorStream(true).start();
    String output = new String(probe.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
    assertThat(probe.waitFor()).isZero();
    assertThat(output).isEqualTo("h264,1280,720,546");
  }

  private static boolean onPath(String program) {
    return java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
        .anyMatch(d -> java.nio.file.Files.isExecutable(java.nio.file.Path.of(d, program)));
  }

  @Test
  void headerAndClusterArraysEqualTheStreamedElements() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    MkvWriter writer = new MkvWriter(out);
    writer.writeEbmlHeader(EbmlHeader.MATROSKA);
    writer.writeSegmentStart();
    writer.writeInfo(SegmentInfo.live("a"));
    writer.writeTracks(TRACKS);
    byte[] header = MkvWriter.header(SegmentInfo.live("a"), TRACKS);
    assertThat(out.toByteArray()).isEqualTo(header);
    List<Block> blocks = List.of(Block.of(1, 100, true, new byte[] {1, 2}), Block.of(2, 90, false, new byte[300]));
    out.reset();
    writer.writeCluster(100, blocks);
    assertThat(out.toByteArray()).isEqualTo(MkvWriter.cluster(100, blocks));
    List<MkvEvent> events = Recorder.whole(concat(header, MkvWriter.cluster(100, blocks)), true);
    assertThat(events.stream().filter(Frame.class::isInstance).map(e -> ((Frame) e).timecode()))
        .containsExactly(100L, 90L);
  }

  @Test
  void nestedAndTargetedTagsRoundTrip() {
    List<Tag> tags = List.of(new Tag(30, List.of(new SimpleTag("OUTER", "v", List.of(SimpleTag.of("INNER", "w"))))),
        Tag.of(List.of(SimpleTag.of("ü", "ünïcode"))));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(MkvWriter.header(SegmentInfo.live("a"), TRACKS));
    new MkvWriter(out).writeTags(tags);
    MkvEvent.Tags read = Recorder.whole(out.toByteArray(), true).stream().filter(MkvEvent.Tags.class::isInstance)
        .map(MkvEvent.Tags.class::cast).findFirst().orElseThrow();
    assertThat(read.tags()).isEqualTo(tags);
  }

  @Test
  void refusesBlocksOutsideTheClusterRange() {
    assertThatThrownBy(() -> MkvWriter.cluster(0, List.of(Block.of(1, 40000, true, new byte[1]))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MkvWriter.cluster(-1, List.of())).isInstanceOf(IllegalArgumentException.class);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }

}
