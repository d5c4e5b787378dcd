package dev.argus.parser.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.argus.parser.decode.CapturePackets.Packet;
import java.awt.image.BufferedImage;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.jcodec.codecs.h264.H264Decoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JcodecFrameDecoderTest {

  private static final CapturePackets.Track TRACK = CapturePackets.bezosVogels();
  private static final List<Packet> PACKETS = TRACK.packets();

  /** Indexes whose pictures are compared with FFmpeg's: the key frames and P frames after them. */
  private static List<Integer> compared() {
    List<Integer> indexes = new ArrayList<>();
    for (int i = 0; i < PACKETS.size(); i++) {
      if (PACKETS.get(i).keyFrame()) {
        indexes.add(i);
        indexes.add(i + 1);
        indexes.add(i + 29);
      }
    }
    return indexes;
  }

  private static Map<Integer, byte[]> ffmpegPictures(List<Integer> wanted) throws DecodeException {
    Map<Integer, byte[]> pictures = new HashMap<>();
    try (FfmpegFrameDecoder decoder = FfmpegFrameDecoder.open(TRACK.config(),
        FfmpegFrameDecoder.Options.defaults().withThreads(1))) {
      for (int i = 0; i <= wanted.get(wanted.size() - 1); i++) {
        Packet packet = PACKETS.get(i);
        int index = i;
        decoder.decode(packet.buffer(), packet.ptsMs(), packet.keyFrame(), frame -> {
          if (wanted.contains(index)) {
            pictures.put(index, Pictures.bytes(frame.bgr()));
          }
        });
      }
    }
    return pictures;
  }

  @Test
  void decodesEveryPacketOfTheCaptureLikeFfmpeg() throws DecodeException {
    List<Integer> wanted = compared();
    Map<Integer, byte[]> ffmpeg = ffmpegPictures(wanted);
    Map<Integer, byte[]> jcodec = new HashMap<>();
    List<Long> pts = new ArrayList<>();
    int[] keyFrames = {0};
    try (JcodecFrameDecoder decoder = JcodecFrameDecoder.open(TRACK.config())) {
      for (int i = 0; i < PACKETS.size(); i++) {
        Packet packet = PACKETS.get(i);
        int index = i;
        int delivered = decoder.decode(packet.buffer(), packet.ptsMs(), packet.keyFrame(), frame -> {
          assertThat(frame.width()).isEqualTo(1280);
          assertThat(frame.height()).isEqualTo(720);
          pts.add(frame.ptsMs());
          keyFrames[0] += frame.keyFrame() ? 1 : 0;
          if (wanted.contains(index)) {
            jcodec.put(index, Pictures.bytes(frame.bgr()));
          }
        });
        assertThat(delivered).isEqualTo(1);
      }
      assertThat(decoder.flush(frame -> { })).isZero();
    }
    assertThat(pts).containsExactlyElementsOf(PACKETS.stream().map(Packet::ptsMs).toList());
    assertThat(keyFrames[0]).isEqualTo(3);
    assertThat(jcodec.keySet()).containsExactlyInAnyOrderElementsOf(wanted);
    for (int index : wanted) {
      // Both decode H.264 exactly; what differs is the YUV to BGR rounding (and matrix).
      assertThat(Pictures.meanAbsoluteDifference(jcodec.get(index), ffmpeg.get(index)))
          .as("picture %d", index).isLessThan(3.0);
      assertThat(Pictures.standardDeviation(jcodec.get(index))).isGreaterThan(30);
    }
  }

  @Test
  void imageCopiesMatchTheBuffer() throws DecodeException {
    List<Runnable> checks = new ArrayList<>();
    try (JcodecFrameDecoder decoder = JcodecFrameDecoder.open(TRACK.config())) {
      Packet key = PACKETS.get(0);
      decoder.decode(key.buffer(), key.ptsMs(), true, frame -> {
        byte[] pixels = Pictures.bytes(frame.bgr());
        BufferedImage image = frame.toBufferedImage();
        checks.add(() -> {
          int i = (400 * 1280 + 1100) * 3;
          int rgb = (pixels[i + 2] & 0xff) << 16 | (pixels[i + 1] & 0xff) << 8 | pixels[i] & 0xff;
          assertThat(image.getRGB(1100, 400) & 0xffffff).isEqualTo(rgb);
          // The orange backdrop: much red, little blue.
          assertThat(pixels[i + 2] & 0xff).isGreaterThan(180);
          assertThat(pixels[i] & 0xff).isLessThan(90);
        });
      });
    }
    assertThat(checks).hasSize(1);
    checks.forEach(Runnable::run);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4})
  @Timeout(value = 2, unit = TimeUnit.MINUTES) // a hang guard, not a speed check
  void damagedAndRandomPacketsFailCleanlyAndDecodingResumesAtTheNextKeyFrame(long seed)
      throws DecodeException {
    Random random = new Random(seed);
    int secondKey = keyFrameIndexes().get(1);
    List<Long> clean = new ArrayList<>();
    try (JcodecFrameDecoder decoder = JcodecFrameDecoder.open(TRACK.config())) {
      for (Packet packet : PACKETS.subList(secondKey, secondKey + 10)) {
        decoder.decode(packet.buffer(), packet.ptsMs(), packet.keyFrame(),
            frame -> clean.add(Pictures.crc(frame.bgr())));
      }
    }
    List<Long> resumed = new ArrayList<>();
    try (JcodecFrameDecoder decoder = JcodecFrameDecoder.open(TRACK.config())) {
      for (Packet packet : PACKETS.subList(0, 3)) {
        decoder.decode(packet.buffer(), packet.ptsMs(), packet.keyFrame(), frame -> { });
      }
      for (int i = 0; i < 12; i++) {
        try {
          decoder.decode(Garbage.packet(random, PACKETS), i, random.nextBoolean(),
              frame -> frame.bgr());
        } catch (DecodeException e) {
          assertThat(e).isInstanceOf(CorruptPacketException.class);
        }
      }
      for (Packet packet : PACKETS.subList(secondKey, secondKey + 10)) {
        decoder.decode(packet.buffer(), packet.ptsMs(), packet.keyFrame(),
            frame -> resumed.add(Pictures.crc(frame.bgr())));
      }
    }
    assertThat(resumed).hasSize(10).containsExactlyElementsOf(clean);
  }

  @Test
  void emptyAndOversizedPacketsAreRefused() throws DecodeException {
    try (JcodecFrameDecoder decoder = JcodecFrameDecoder.open(TRACK.config(), 1024)) {
      assertThatThrownBy(() -> decoder.decode(ByteBuffer.allocate(0), 0, true, frame -> { }))
          .isInstanceOf(CorruptPacketException.class);
      Packet key = PACKETS.get(0);
      assertThatThrownBy(() -> decoder.decode(key.buffer(), 0, true, frame -> { }))
          .isInstanceOfSatisfying(OversizedPacketException.class,
              e -> assertThat(e.limit()).isEqualTo(1024));
    }
    assertThatThrownBy(() -> JcodecFrameDecoder.open(TRACK.config(), 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void decodingLeavesTheCallersBufferAlone() throws DecodeException {
    Packet key = PACKETS.get(0);
    ByteBuffer packet = ByteBuffer.wrap(key.data().clone());
    try (JcodecFrameDecoder decoder = JcodecFrameDecoder.open(TRACK.config())) {
      decoder.decode(packet, key.ptsMs(), true, frame -> { });
    }
    assertThat(packet.position()).isZero();
    assertThat(packet.array()).isEqualTo(key.data());
  }

  @Test
  void decodesAnnexBPacketsWithoutCodecPrivate() throws DecodeException {
    DecoderConfig annexB = new DecoderConfig(VideoCodec.H264, ByteBuffer.allocate(0), 1280, 720);
    byte[] avcc = TRACK.config().codecPrivateBytes();
    List<Long> fromAnnexB = new ArrayList<>();
    List<Long> fromAvcc = new ArrayList<>();
    try (JcodecFrameDecoder decoder = JcodecFrameDecoder.open(annexB);
        JcodecFrameDecoder reference = JcodecFrameDecoder.open(TRACK.config())) {
      for (Packet packet : PACKETS.subList(0, 5)) {
        byte[] nals = AnnexB.fromLengthPrefixed(packet.data(), avcc);
        byte[] data = packet.keyFrame() ? AnnexB.concat(AnnexB.parameterSets(avcc), nals) : nals;
        decoder.decode(ByteBuffer.wrap(data), packet.ptsMs(), packet.keyFrame(),
            frame -> fromAnnexB.add(Pictures.crc(frame.bgr())));
        reference.decode(packet.buffer(), packet.ptsMs(), packet.keyFrame(),
            frame -> fromAvcc.add(Pictures.crc(frame.bgr())));
      }
    }
    assertThat(fromAnnexB).hasSize(5).containsExactlyElementsOf(fromAvcc);
  }

  @Test
  void refusesH265AndInvalidCodecPrivate() {
    DecoderConfig hevc = new DecoderConfig(VideoCodec.H265, ByteBuffer.allocate(10), 640, 480);
    assertThatThrownBy(() -> JcodecFrameDecoder.open(hevc))
        .isInstanceOf(UnsupportedStreamException.class);
    Random random = new Random(7);
    for (int i = 0; i < 50; i++) {
      byte[] garbage = new byte[1 + random.nextInt(100)];
      random.nextBytes(garbage);
      garbage[0] = 1;
      try (JcodecFrameDecoder decoder = JcodecFrameDecoder.open(DecoderConfig.h264(garbage, 64, 64))) {
        Packet key = PACKETS.get(0);
        try {
          decoder.decode(key.buffer(), key.ptsMs(), true, frame -> frame.bgr());
        } catch (DecodeException e) {
          assertThat(e).isInstanceOfAny(CorruptPacketException.class,
              UnsupportedStreamException.class);
        }
      } catch (UnsupportedStreamException expected) {
        assertThat(expected).hasMessageContaining("AVCC");
      }
    }
  }

  @Test
  void closeStopsJcodecThreadsAndIsIdempotent() throws Exception {
    JcodecFrameDecoder decoder = JcodecFrameDecoder.open(TRACK.config());
    Packet key = PACKETS.get(0);
    decoder.decode(key.buffer(), key.ptsMs(), true, frame -> { });
    H264Decoder jcodec = jcodecOf(decoder);
    decoder.close();
    decoder.close();
    assertThat(poolOf(jcodec).isShutdown()).isTrue();
    assertThatThrownBy(() -> decoder.decode(key.buffer(), key.ptsMs(), true, frame -> { }))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> decoder.flush(frame -> { }))
        .isInstanceOf(IllegalStateException.class);
  }

  private static H264Decoder jcodecOf(JcodecFrameDecoder decoder) throws Exception {
    Field field = JcodecFrameDecoder.class.getDeclaredField("decoder");
    field.setAccessible(true);
    return (H264Decoder) field.get(decoder);
  }

  private static ExecutorService poolOf(H264Decoder decoder) throws Exception {
    Field field = H264Decoder.class.getDeclaredField("tp");
    field.setAccessible(true);
    return (ExecutorService) field.get(decoder);
  }

  private static List<Integer> keyFrameIndexes() {
    List<Integer> keys = new ArrayList<>();
    for (int i = 0; i < PACKETS.size(); i++) {
      if (PACKETS.get(i).keyFrame()) {
        keys.add(i);
      }
    }
    return keys;
  }
}
