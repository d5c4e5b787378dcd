package dev.argus.producer.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.argus.producer.fragment.Packet;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourcesTest {

  private static final Instant START = Instant.parse("2026-11-25T22:00:00Z");
  private static final SourceOptions OPTIONS =
      SourceOptions.defaults(Clock.fixed(START, ZoneOffset.UTC), Duration.ofSeconds(1));

  static Path kvs(String name) {
    return Path.of(System.getProperty("argus.testdata"), "kvs", name);
  }

  @Test
  void clustersMkvIsCopiedPacketForPacket() throws Exception {
    List<Packet> packets = readAll(new SourceSpec.File(kvs("clusters.mkv")));
    assertThat(packets).hasSize(444);
    assertThat(packets).filteredOn(Packet::key).hasSize(8);
    assertThat(packets.get(0).key()).isTrue();
    assertThat(packets.get(0).ptsMicros()).isEqualTo(START.toEpochMilli() * 1000);
    assertThat(packets).allSatisfy(p -> assertThat(lengthsCoverSample(p.data())).isTrue());
  }

  @Test
  void bezosVogelsKeepsItsThreeKeyFramesAndTrack() throws Exception {
    try (MediaSource source = Sources.open(new SourceSpec.File(kvs("bezos_vogels.mkv")), OPTIONS)) {
      assertThat(source.encodes()).isFalse();
      VideoTrack track = source.track();
      assertThat(track.codecId()).isEqualTo(VideoTrack.H264);
      assertThat(track.width()).isEqualTo(1280);
      assertThat(track.height()).isEqualTo(720);
      assertThat(track.codecPrivate()[0]).isEqualTo((byte) 1);
      List<Packet> packets = drain(source);
      assertThat(packets).hasSize(546);
      assertThat(packets).filteredOn(Packet::key).hasSize(3);
    }
  }

  @Test
  void annexBStreamsAreConvertedToAvcc(@TempDir Path dir) throws Exception {
    Path ts = dir.resolve("encoded.ts");
    int frames = writeMpegTs(ts, 60);
    try (MediaSource source = Sources.open(new SourceSpec.File(ts), OPTIONS)) {
      assertThat(source.encodes()).isFalse();
      byte[] config = source.track().codecPrivate();
      assertThat(config[0]).isEqualTo((byte) 1);
      assertThat(config[5] & 0x1f).isEqualTo(1); // one SPS
      List<Packet> packets = drain(source);
      assertThat(packets).hasSize(frames);
      assertThat(packets).allSatisfy(p -> {
        assertThat(AvcFormat.isAnnexB(p.data())).isFalse();
        assertThat(lengthsCoverSample(p.data())).isTrue();
      });
      assertThat(packets.get(0).key()).isTrue();
    }
  }

  @Test
  void aRawSourceIsEncodedWithKeyFramesWhereAsked() throws Exception {
    SourceOptions options = SourceOptions.defaults(Clock.systemUTC(), Duration.ofSeconds(10)).withForceEncode(true);
    try (MediaSource source = Sources.open(new SourceSpec.File(kvs("clusters.mkv")), options)) {
      assertThat(source.encodes()).isTrue();
      assertThat(source.track().width()).isEqualTo(640);
      long[] first = {-1};
      List<Long> asked = new ArrayList<>();
      source.keyFramesWhen(pts -> {
        if (first[0] < 0) {
          first[0] = pts;
        }
        boolean want = (pts - first[0]) / 500_000 > asked.size() - 1 || asked.isEmpty();
        if (want) {
          asked.add(pts);
        }
        return want;
      });
      List<Packet> packets = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        packets.add(source.next().orElseThrow());
      }
      List<Long> keys = packets.stream().filter(Packet::key).map(Packet::ptsMicros).toList();
      assertThat(keys).containsAll(asked.stream().filter(p -> p <= packets.get(59).ptsMicros()).toList());
      assertThat(keys.size()).isGreaterThanOrEqualTo(3);
    }
  }

  @Test
  void theTestPatternIsALiveEncodedCamera() throws Exception {
    SourceSpec spec = SourceSpec.parse("testsrc:320x240@30");
    SourceOptions options = SourceOptions.defaults(Clock.systemUTC(), Duration.ofSeconds(1));
    try (MediaSource source = Sources.open(spec, options)) {
      assertThat(source.encodes()).isTrue();
      assertThat(source.track().width()).isEqualTo(320);
      List<Packet> packets = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        packets.add(source.next().orElseThrow());
      }
      assertThat(packets.get(0).key()).isTrue();
      for (int i = 1; i < packets.size(); i++) {
        assertThat(packets.get(i).ptsMicros()).isGreaterThan(packets.get(i - 1).ptsMicros());
      }
    }
  }

  @Test
  void specsParse() {
    assertThat(SourceSpec.parse("rtsp://user:secret@cam.local:554/stream1"))
        .isInstanceOfSatisfying(SourceSpec.Rtsp.class, r -> assertThat(r.redacted()).doesNotContain("secret"));
    assertThat(SourceSpec.parse("/dev/video2")).isEqualTo(new SourceSpec.V4l2(Path.of("/dev/video2")));
    assertThat(SourceSpec.parse("testsrc")).isEqualTo(new SourceSpec.TestPattern(640, 480, 30));
    assertThat(SourceSpec.parse("testsrc:1280x720@25")).isEqualTo(new SourceSpec.TestPattern(1280, 720, 25));
    assertThat(SourceSpec.parse("clip.mp4")).isEqualTo(new SourceSpec.File(Path.of("clip.mp4")));
    assertThat(SourceSpec.parse("rtsp://cam/x").live()).isTrue();
    assertThat(SourceSpec.parse("clip.mp4").live()).isFalse();
  }

  @Test
  void aMissingFileIsASourceError() {
    assertThatThrownBy(() -> Sources.open(new SourceSpec.File(Path.of("/nonexistent/x.mkv")), OPTIONS))
        .isInstanceOf(SourceException.class);
  }

  static List<Packet> readAll(SourceSpec spec) throws Exception {
    try (MediaSource source = Sources.open(spec, OPTIONS)) {
      return drain(source);
    }
  }

  static List<Packet> drain(MediaSource source) throws Exception {
    List<Packet> packets = new ArrayList<>();
    for (Optional<Packet> p = source.next(); p.isPresent(); p = source.next()) {
      packets.add(p.get());
    }
    return packets;
  }

  /** Whether 4-byte NAL lengths tile the sample exactly (it is AVCC). */
  static boolean lengthsCoverSample(byte[] sample) {
    int i = 0;
    while (i + 4 <= sample.length) {
      int length = ((sample[i] & 0xff) << 24) | ((sample[i + 1] & 0xff) << 16) | ((sample[i + 2] & 0xff) << 8) | (sample[i + 3] & 0xff);
      if (length <= 0) {
        return false;
      }
      i += 4 + length;
    }
    return i == sample.length;
  }

  /** Writes {@code frames} frames of clusters.mkv re-encoded into MPEG-TS (Annex B H.264). */
  private static int writeMpegTs(Path target, int frames) throws Exception {
    try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(kvs("clusters.mkv").toFile())) {
      grabber.start();
      try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(target.toFile(), 640, 480, 0)) {
        recorder.setFormat("mpegts");
        recorder.setVideoCodecName(H264Encoder.ENCODER);
        recorder.setVideoCodec(avcodec.AV_CODEC_ID_H264);
        recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
        recorder.setFrameRate(30);
        recorder.setGopSize(30);
        recorder.start();
        int written = 0;
        for (Frame f = grabber.grabImage(); f != null && written < frames; f = grabber.grabImage()) {
          recorder.record(f);
          written++;
        }
        recorder.stop();
        return written;
      }
    }
  }
}
