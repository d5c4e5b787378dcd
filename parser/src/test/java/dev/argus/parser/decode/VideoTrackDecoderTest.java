package dev.argus.parser.decode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.argus.parser.decode.CapturePackets.Packet;
import dev.argus.parser.mkv.MkvEvent;
import dev.argus.parser.mkv.MkvParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VideoTrackDecoderTest {

  /** What the tests remember of each picture. */
  record Seen(long ptsMs, int width, int height, long crc) {}

  /** Decoders opened, in order, with the configs they were opened for. */
  private final List<DecoderConfig> opened = new ArrayList<>();

  private VideoTrackDecoder.Opener ffmpeg() {
    return config -> {
      opened.add(config);
      return FfmpegFrameDecoder.open(config, FfmpegFrameDecoder.Options.defaults().withThreads(2));
    };
  }

  private static byte[] capture(String name) throws IOException {
    return Files.readAllBytes(CapturePackets.capture(name));
  }

  /** Feeds {@code bytes} to a parser in chunks of {@code chunk} bytes. */
  private static MkvEvent.EndOfStream parse(byte[] bytes, int chunk, VideoTrackDecoder video) {
    MkvParser parser = new MkvParser(video);
    for (int at = 0; at < bytes.length; at += chunk) {
      parser.feed(ByteBuffer.wrap(bytes, at, Math.min(chunk, bytes.length - at)));
    }
    return parser.finish();
  }

  private static FrameSink recorder(List<Seen> seen) {
    return frame -> seen.add(new Seen(frame.ptsMs(), frame.width(), frame.height(),
        Pictures.crc(frame.bgr())));
  }

  @Test
  void ourParserHandsTheDecoderExactlyWhatFfmpegsDemuxerDoes() {
    CapturePackets.Track ours = CapturePackets.bezosVogels();
    CapturePackets.Track ffmpegs = CapturePackets.demuxWithFfmpeg("bezos_vogels.mkv");
    assertThat(ours.config()).isEqualTo(ffmpegs.config());
    assertThat(ours.packets()).hasSize(546);
    for (int i = 0; i < ours.packets().size(); i++) {
      Packet a = ours.packets().get(i);
      Packet b = ffmpegs.packets().get(i);
      assertThat(a.data()).as("packet %d", i).isEqualTo(b.data());
      assertThat(a.ptsMs()).isEqualTo(b.ptsMs());
      assertThat(a.keyFrame()).isEqualTo(b.keyFrame());
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1 << 20, 4096, 1000})
  void decodesEveryFrameOfTheCaptureInAnyChunking(int chunk) throws Exception {
    List<Seen> expected = new ArrayList<>();
    CapturePackets.Track track = CapturePackets.demuxWithFfmpeg("bezos_vogels.mkv");
    try (FfmpegFrameDecoder decoder = FfmpegFrameDecoder.open(track.config())) {
      for (Packet packet : track.packets()) {
        decoder.decode(packet.buffer(), packet.ptsMs(), packet.keyFrame(), recorder(expected));
      }
      decoder.flush(recorder(expected));
    }
    List<Seen> seen = new ArrayList<>();
    try (VideoTrackDecoder video = new VideoTrackDecoder(ffmpeg(), recorder(seen))) {
      MkvEvent.EndOfStream end = parse(capture("bezos_vogels.mkv"), chunk, video);
      assertThat(end.truncated()).isFalse();
      assertThat(video.trackNumber()).contains(1L);
      assertThat(video.packets()).isEqualTo(546);
      assertThat(video.pictures()).isEqualTo(546);
      assertThat(video.skippedPackets()).isZero();
      assertThat(video.failure()).isEmpty();
    }
    assertThat(seen).hasSize(546).containsExactlyElementsOf(expected);
    assertThat(opened).hasSize(1);
  }

  @Test
  void getMediaSegmentsWithUnchangedTracksShareOneDecoder() throws Exception {
    List<Seen> seen = new ArrayList<>();
    try (VideoTrackDecoder video = new VideoTrackDecoder(ffmpeg(), recorder(seen))) {
      parse(capture("output_get_media.mkv"), 65536, video);
      assertThat(video.packets()).isEqualTo(300);
      assertThat(video.pictures()).isEqualTo(300);
      assertThat(video.skippedPackets()).isZero();
    }
    assertThat(opened).hasSize(1);
    assertThat(seen).allSatisfy(s -> assertThat(s.width() + "x" + s.height()).isEqualTo("640x360"));
  }

  @Test
  void aSegmentWithOtherTracksGetsAFreshDecoder() throws Exception {
    byte[] first = capture("bezos_vogels.mkv");
    byte[] second = capture("kinesis_video_renderer_example_output.mkv");
    byte[] both = new byte[first.length + second.length];
    System.arraycopy(first, 0, both, 0, first.length);
    System.arraycopy(second, 0, both, first.length, second.length);
    List<Seen> seen = new ArrayList<>();
    try (VideoTrackDecoder video = new VideoTrackDecoder(ffmpeg(), recorder(seen))) {
      parse(both, 1 << 20, video);
      assertThat(video.pictures()).isEqualTo(546 + 444);
      assertThat(video.skippedPackets()).isZero();
    }
    assertThat(opened).extracting(c -> c.width() + "x" + c.height())
        .containsExactly("1280x720", "640x480");
    assertThat(seen.subList(0, 546)).allSatisfy(s -> assertThat(s.width()).isEqualTo(1280));
    assertThat(seen.subList(546, seen.size())).allSatisfy(s -> assertThat(s.width()).isEqualTo(640));
  }

  @Test
  void aTruncatedCaptureDecodesUpToItsLastCompleteFrame() throws Exception {
    List<Seen> seen = new ArrayList<>();
    try (VideoTrackDecoder video = new VideoTrackDecoder(ffmpeg(), recorder(seen))) {
      MkvEvent.EndOfStream end =
          parse(capture("output-get-media-non-increasing-timecode.mkv"), 8192, video);
      assertThat(end.truncated()).isTrue();
      assertThat(video.packets()).isEqualTo(358);
      assertThat(video.pictures() + video.skippedPackets()).isEqualTo(video.packets());
      assertThat(video.pictures()).isGreaterThanOrEqualTo(video.packets() - 1);
    }
    assertThat(seen).allSatisfy(s -> assertThat(s.width() + "x" + s.height()).isEqualTo("960x720"));
  }

  @Test
  void theJcodecFallbackDecodesAGetMediaCapture() throws Exception {
    List<Seen> seen = new ArrayList<>();
    try (VideoTrackDecoder video = new VideoTrackDecoder(JcodecFrameDecoder::open, recorder(seen))) {
      parse(capture("output_get_media.mkv"), 65536, video);
      assertThat(video.pictures()).isEqualTo(300);
      assertThat(video.skippedPackets()).isZero();
    }
    assertThat(seen.stream().map(Seen::crc).distinct().count()).isGreaterThan(250);
  }

  @Test
  void streamsWithoutAnH264OrH265TrackDecodeNothing() throws Exception {
    for (String name : List.of("test_mixed_tags.mkv", "test_tags_empty_cluster.mkv",
        "empty-mkv-with-tags.mkv")) {
      List<Seen> seen = new ArrayList<>();
      try (VideoTrackDecoder video = new VideoTrackDecoder(ffmpeg(), recorder(seen))) {
        parse(capture(name), 4096, video);
        assertThat(video.pictures()).as(name).isZero();
        assertThat(video.failure()).isEmpty();
      }
      assertThat(seen).isEmpty();
    }
  }

  @Test
  void anUnsupportedTrackStopsDecodingWithTheReason() throws Exception {
    VideoTrackDecoder.Opener refusing = config -> {
      throw new UnsupportedStreamException("no decoder here for " + config.codec());
    };
    try (VideoTrackDecoder video = new VideoTrackDecoder(refusing, frame -> { })) {
      parse(capture("bezos_vogels.mkv"), 1 << 20, video);
      assertThat(video.packets()).isZero();
      assertThat(video.failure()).get().isInstanceOf(UnsupportedStreamException.class);
    }
  }
}
