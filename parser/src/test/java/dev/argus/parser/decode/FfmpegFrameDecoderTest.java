package dev.argus.parser.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.argus.parser.decode.CapturePackets.Packet;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FfmpegFrameDecoderTest {

  private static final CapturePackets.Track TRACK = CapturePackets.bezosVogels();
  private static final List<Packet> PACKETS = TRACK.packets();

  /** What the tests remember of each decoded picture. */
  record Seen(long ptsMs, boolean keyFrame, int width, int height, long crc) {}

  /** The single-threaded decode of the whole capture, the reference for the other tests. */
  private static List<Seen> reference;

  @BeforeAll
  static void decodeReference() throws DecodeException {
    try (FfmpegFrameDecoder decoder = open(1)) {
      reference = decodeAll(decoder, PACKETS);
    }
  }

  static FfmpegFrameDecoder open(int threads) throws DecodeException {
    return FfmpegFrameDecoder.open(TRACK.config(), FfmpegFrameDecoder.Options.defaults()
        .withThreads(threads));
  }

  static List<Seen> decodeAll(FrameDecoder decoder, List<Packet> packets) throws DecodeException {
    List<Seen> seen = new ArrayList<>();
    FrameSink sink = frame -> seen.add(new Seen(frame.ptsMs(), frame.keyFrame(), frame.width(),
        frame.height(), Pictures.crc(frame.bgr())));
    for (Packet packet : packets) {
      decoder.decode(packet.buffer(), packet.ptsMs(), packet.keyFrame(), sink);
    }
    decoder.flush(sink);
    return seen;
  }

  @Test
  void decodesEveryPacketOfTheCaptureInPresentationOrder() {
    assertThat(reference).hasSize(546);
    assertThat(reference).allSatisfy(seen -> {
      assertThat(seen.width()).isEqualTo(1280);
      assertThat(seen.height()).isEqualTo(720);
    });
    assertThat(reference.stream().map(Seen::ptsMs))
        .containsExactlyElementsOf(PACKETS.stream().map(Packet::ptsMs).sorted().toList());
    assertThat(reference.stream().filter(Seen::keyFrame)).hasSize(3);
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void codecThreadsGiveTheSamePictures(int threads) throws DecodeException {
    try (FfmpegFrameDecoder decoder = open(threads)) {
      assertThat(decodeAll(decoder, PACKETS)).containsExactlyElementsOf(reference);
    }
  }

  @Test
  void picturesShowTheScene() throws DecodeException {
    List<byte[]> pictures = new ArrayList<>();
    try (FfmpegFrameDecoder decoder = open(1)) {
      for (Packet packet : PACKETS.subList(0, 200)) {
        decoder.decode(packet.buffer(), packet.ptsMs(), packet.keyFrame(),
            frame -> pictures.add(Pictures.bytes(frame.bgr())));
      }
    }
    byte[] first = pictures.get(0);
    assertThat(first).hasSize(1280 * 720 * 3);
    assertThat(Pictures.standardDeviation(first)).isGreaterThan(30);
    // Consecutive pictures of a talking head differ a little; 6.6 s later the shot has changed.
    assertThat(Pictures.meanAbsoluteDifference(first, pictures.get(1))).isBetween(0.01, 8.0);
    assertThat(Pictures.meanAbsoluteDifference(first, pictures.get(199))).isGreaterThan(20);
    // The backdrop right of the speaker is orange: much red, little blue (bytes are B, G, R).
    int offset = (400 * 1280 + 1100) * 3;
    assertThat(first[offset + 2] & 0xff).isGreaterThan(180);
    assertThat(first[offset] & 0xff).isLessThan(90);
  }

  @Test
  void matImageAndBufferShowTheSamePixels() throws DecodeException {
    AtomicReference<BufferedImage> kept = new AtomicReference<>();
    BufferedImage reused = new BufferedImage(1280, 720, BufferedImage.TYPE_3BYTE_BGR);
    List<Runnable> checks = new ArrayList<>();
    try (FfmpegFrameDecoder decoder = open(1)) {
      Packet key = PACKETS.get(0);
      decoder.decode(key.buffer(), key.ptsMs(), true, frame -> {
        byte[] pixels = Pictures.bytes(frame.bgr());
        Mat mat = frame.mat();
        byte[] matBytes = new byte[pixels.length];
        mat.data().get(matBytes);
        kept.set(frame.toBufferedImage());
        frame.copyTo(reused);
        int rows = mat.rows();
        int cols = mat.cols();
        int type = mat.type();
        boolean continuous = mat.isContinuous();
        checks.add(() -> {
          assertThat(rows).isEqualTo(720);
          assertThat(cols).isEqualTo(1280);
          assertThat(type).isEqualTo(opencv_core.CV_8UC3);
          assertThat(continuous).isTrue();
          assertThat(matBytes).isEqualTo(pixels);
          for (int[] xy : new int[][] {{0, 0}, {1100, 400}, {640, 360}, {1279, 719}}) {
            int i = (xy[1] * 1280 + xy[0]) * 3;
            int rgb = (pixels[i + 2] & 0xff) << 16 | (pixels[i + 1] & 0xff) << 8 | pixels[i] & 0xff;
            assertThat(kept.get().getRGB(xy[0], xy[1]) & 0xffffff).isEqualTo(rgb);
            assertThat(reused.getRGB(xy[0], xy[1]) & 0xffffff).isEqualTo(rgb);
          }
        });
      });
    }
    assertThat(checks).hasSize(1);
    checks.forEach(Runnable::run);
  }

  @Test
  void aFrameIsUsableOnlyInsideTheSink() throws DecodeException {
    AtomicReference<DecodedFrame> escaped = new AtomicReference<>();
    try (FfmpegFrameDecoder decoder = open(1)) {
      Packet key = PACKETS.get(0);
      assertThat(decoder.decode(key.buffer(), key.ptsMs(), true, escaped::set)).isEqualTo(1);
    }
    assertThat(escaped.get().toString()).contains("released");
    assertThatThrownBy(() -> escaped.get().width()).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> escaped.get().mat()).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void emptyPacketIsRejectedAndTheDecoderGoesOn() throws DecodeException {
    try (FfmpegFrameDecoder decoder = open(1)) {
      assertThatThrownBy(() -> decoder.decode(ByteBuffer.allocate(0), 0, true, frame -> { }))
          .isInstanceOf(CorruptPacketException.class);
      assertThat(decodeAll(decoder, PACKETS.subList(0, 30)))
          .containsExactlyElementsOf(reference.subList(0, 30));
    }
  }

  @Test
  void oversizedPacketsAreRefusedBeforeTheCodec() throws DecodeException {
    try (FfmpegFrameDecoder decoder = open(1)) {
      ByteBuffer huge = ByteBuffer.allocateDirect(FrameDecoder.DEFAULT_MAX_PACKET_BYTES + 1);
      assertThatThrownBy(() -> decoder.decode(huge, 0, true, frame -> { }))
          .isInstanceOfSatisfying(OversizedPacketException.class, e -> {
            assertThat(e.size()).isEqualTo(FrameDecoder.DEFAULT_MAX_PACKET_BYTES + 1);
            assertThat(e.limit()).isEqualTo(FrameDecoder.DEFAULT_MAX_PACKET_BYTES);
          });
      assertThat(decodeAll(decoder, PACKETS.subList(0, 5)))
          .containsExactlyElementsOf(reference.subList(0, 5));
    }
    FfmpegFrameDecoder.Options small = new FfmpegFrameDecoder.Options(1, true, 1024);
    try (FfmpegFrameDecoder decoder = FfmpegFrameDecoder.open(TRACK.config(), small)) {
      Packet key = PACKETS.get(0);
      assertThatThrownBy(() -> decoder.decode(key.buffer(), 0, true, frame -> { }))
          .isInstanceOf(OversizedPacketException.class);
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void damagedAndRandomPacketsFailCleanlyAndAFlushRestoresCleanDecoding(long seed)
      throws DecodeException {
    Random random = new Random(seed);
    int secondKey = keyFrameIndexes().get(1);
    try (FfmpegFrameDecoder decoder = open(1 + random.nextInt(2))) {
      decodeAll(decoder, PACKETS.subList(0, 10 + random.nextInt(20)));
      for (int i = 0; i < 40; i++) {
        ByteBuffer bad = Garbage.packet(random, PACKETS);
        try {
          decoder.decode(bad, 10_000 + i, random.nextBoolean(), frame -> frame.bgr());
        } catch (DecodeException e) {
          assertThat(e).isInstanceOf(CorruptPacketException.class);
        }
      }
      try {
        decoder.flush(frame -> { });
      } catch (DecodeException e) {
        assertThat(e).isInstanceOf(CorruptPacketException.class);
      }
      List<Seen> resumed = decodeAll(decoder, PACKETS.subList(secondKey, PACKETS.size()));
      assertThat(resumed).containsExactlyElementsOf(reference.subList(secondKey, reference.size()));
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2})
  void reportedDamageRestartsTheCodecAtTheNextKeyFrame(int threads) throws DecodeException {
    int secondKey = keyFrameIndexes().get(1);
    try (FfmpegFrameDecoder decoder = open(threads)) {
      decodeAll(decoder, PACKETS.subList(0, 20));
      Packet p = PACKETS.get(20);
      ByteBuffer truncated = ByteBuffer.wrap(p.data(), 0, p.data().length / 3);
      List<Seen> before = new ArrayList<>();
      assertThatThrownBy(() -> {
        decoder.decode(truncated, p.ptsMs(), false, frame -> before.add(null));
        for (Packet next : PACKETS.subList(21, secondKey)) {
          decoder.decode(next.buffer(), next.ptsMs(), false, frame -> before.add(null));
        }
      }).isInstanceOf(CorruptPacketException.class);
      List<Seen> resumed = new ArrayList<>();
      for (Packet packet : PACKETS.subList(secondKey, PACKETS.size())) {
        decoder.decode(packet.buffer(), packet.ptsMs(), packet.keyFrame(), frame -> resumed.add(
            new Seen(frame.ptsMs(), frame.keyFrame(), frame.width(), frame.height(),
                Pictures.crc(frame.bgr()))));
      }
      decoder.flush(frame -> resumed.add(new Seen(frame.ptsMs(), frame.keyFrame(),
          frame.width(), frame.height(), Pictures.crc(frame.bgr()))));
      assertThat(resumed).containsExactlyElementsOf(reference.subList(secondKey, reference.size()));
    }
  }

  @Test
  void truncatedKeyFrameIsReportedAsCorrupt() throws DecodeException {
    Packet key = PACKETS.get(0);
    try (FfmpegFrameDecoder decoder = open(1)) {
      ByteBuffer half = ByteBuffer.wrap(key.data(), 0, key.data().length / 2);
      assertThatThrownBy(() -> decoder.decode(half, key.ptsMs(), true, frame -> { }))
          .isInstanceOf(CorruptPacketException.class);
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {11, 12, 13, 14, 15, 16, 17, 18})
  void randomCodecPrivateIsRefusedOrHarmless(long seed) {
    Random random = new Random(seed);
    byte[] extradata = new byte[1 + random.nextInt(200)];
    random.nextBytes(extradata);
    if (random.nextBoolean()) {
      extradata[0] = 1; // the avcC version byte, to get past the first check
    }
    DecoderConfig config = DecoderConfig.h264(extradata, 1280, 720);
    try (FfmpegFrameDecoder decoder = FfmpegFrameDecoder.open(config)) {
      for (Packet packet : PACKETS.subList(0, 10)) {
        try {
          decoder.decode(packet.buffer(), packet.ptsMs(), packet.keyFrame(), frame -> frame.bgr());
        } catch (DecodeException e) {
          assertThat(e).isInstanceOfAny(CorruptPacketException.class,
              UnsupportedStreamException.class);
        }
      }
    } catch (DecodeException e) {
      assertThat(e).isInstanceOf(UnsupportedStreamException.class);
    }
  }

  @Test
  void flushDeliversHeldPicturesAndTheDecoderCanBeReused() throws DecodeException {
    try (FfmpegFrameDecoder decoder = open(2)) {
      List<Seen> first = decodeAll(decoder, PACKETS.subList(0, 40));
      List<Seen> second = decodeAll(decoder, PACKETS.subList(0, 40));
      assertThat(first).containsExactlyElementsOf(reference.subList(0, 40));
      assertThat(second).containsExactlyElementsOf(first);
    }
  }

  @Test
  void frameThreadsHoldPicturesBackUntilFlushed() throws DecodeException {
    try (FfmpegFrameDecoder decoder = open(2)) {
      int delivered = 0;
      for (Packet packet : PACKETS.subList(0, 10)) {
        delivered += decoder.decode(packet.buffer(), packet.ptsMs(), packet.keyFrame(), f -> { });
      }
      int flushed = decoder.flush(frame -> { });
      assertThat(delivered + flushed).isEqualTo(10);
      assertThat(flushed).isPositive();
    }
  }

  @Test
  void decodesAnnexBPacketsWithoutCodecPrivate() throws DecodeException {
    DecoderConfig annexB = new DecoderConfig(VideoCodec.H264, ByteBuffer.allocate(0), 1280, 720);
    List<Seen> seen = new ArrayList<>();
    try (FfmpegFrameDecoder decoder = FfmpegFrameDecoder.open(annexB,
        FfmpegFrameDecoder.Options.defaults().withThreads(1))) {
      byte[] avcc = TRACK.config().codecPrivateBytes();
      byte[] parameterSets = AnnexB.parameterSets(avcc);
      for (Packet packet : PACKETS.subList(0, 20)) {
        byte[] nals = AnnexB.fromLengthPrefixed(packet.data(), avcc);
        byte[] data = packet.keyFrame() ? AnnexB.concat(parameterSets, nals) : nals;
        decoder.decode(ByteBuffer.wrap(data), packet.ptsMs(), packet.keyFrame(),
            frame -> seen.add(new Seen(frame.ptsMs(), frame.keyFrame(), frame.width(),
                frame.height(), Pictures.crc(frame.bgr()))));
      }
    }
    assertThat(seen).containsExactlyElementsOf(reference.subList(0, 20));
  }

  @Test
  void h265DecoderOpensAndRejectsH264Packets() throws DecodeException {
    DecoderConfig hevc = new DecoderConfig(VideoCodec.H265, ByteBuffer.allocate(0), 1280, 720);
    try (FfmpegFrameDecoder decoder = FfmpegFrameDecoder.open(hevc)) {
      int pictures = 0;
      for (Packet packet : PACKETS.subList(0, 5)) {
        try {
          pictures += decoder.decode(packet.buffer(), packet.ptsMs(), packet.keyFrame(), f -> { });
        } catch (DecodeException e) {
          assertThat(e).isInstanceOf(CorruptPacketException.class);
        }
      }
      assertThat(pictures).isZero();
    }
  }

  @Test
  void closeIsIdempotentAndLaterCallsFail() throws DecodeException {
    FfmpegFrameDecoder decoder = open(2);
    Packet key = PACKETS.get(0);
    decoder.decode(key.buffer(), key.ptsMs(), true, frame -> frame.mat());
    decoder.close();
    decoder.close();
    assertThatThrownBy(() -> decoder.decode(key.buffer(), key.ptsMs(), true, frame -> { }))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> decoder.flush(frame -> { }))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void optionsAreValidated() {
    assertThatThrownBy(() -> new FfmpegFrameDecoder.Options(0, true, 1000))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new FfmpegFrameDecoder.Options(FfmpegFrameDecoder.MAX_THREADS + 1,
        true, 1000)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new FfmpegFrameDecoder.Options(1, true, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new FfmpegFrameDecoder.Options(1, true,
        FrameDecoder.DEFAULT_MAX_PACKET_BYTES + 1)).isInstanceOf(IllegalArgumentException.class);
    assertThat(FfmpegFrameDecoder.Options.defaults().threads())
        .isEqualTo(Math.min(Runtime.getRuntime().availableProcessors(),
            FfmpegFrameDecoder.MAX_THREADS));
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
