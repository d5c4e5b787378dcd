package dev.argus.parser.decode;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;

import dev.argus.parser.mkv.Frame;
import dev.argus.parser.mkv.MkvEvent;
import dev.argus.parser.mkv.MkvParser;
import dev.argus.parser.mkv.MkvVisitor;
import dev.argus.parser.mkv.TrackInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;

/**
 * Test and benchmark fixture: the first video track of a capture in {@code testdata/kvs}, read by
 * our {@link MkvParser}: its DecoderConfig (CodecPrivate, PixelWidth, PixelHeight) and each
 * block's payload, timestamp and key flag, in file order (every Segment of a GetMedia capture).
 * Loaded once per file and kept. {@link #demuxWithFfmpeg} reads the same track through FFmpeg's
 * demuxer (javacv's {@link FFmpegFrameGrabber#grabPacket()}), an independent oracle; FFmpeg reads
 * only the first Segment of a multi-Segment file.
 */
final class CapturePackets {

  /** One compressed video packet (a Matroska block payload). */
  record Packet(byte[] data, long ptsMs, boolean keyFrame) {
    ByteBuffer buffer() {
      return ByteBuffer.wrap(data).asReadOnlyBuffer();
    }
  }

  /** A video track: what a decoder is opened with, and its packets. */
  record Track(DecoderConfig config, List<Packet> packets) {
    long keyFrames() {
      return packets.stream().filter(Packet::keyFrame).count();
    }
  }

  private static final Map<String, Track> CACHE = new ConcurrentHashMap<>();

  private CapturePackets() {}

  /** The 1280x720 H.264 High interview: 546 packets, 3 key frames. */
  static Track bezosVogels() {
    return load("bezos_vogels.mkv");
  }

  static Path capture(String fileName) {
    return Path.of(System.getProperty("argus.testdata", "../testdata"), "kvs", fileName);
  }

  static Track load(String fileName) {
    return CACHE.computeIfAbsent(fileName, CapturePackets::parse);
  }

  private static Track parse(String fileName) {
    List<Packet> packets = new ArrayList<>();
    DecoderConfig[] config = new DecoderConfig[1];
    long[] track = new long[1];
    MkvVisitor visitor = new MkvVisitor() {
      @Override
      public void tracks(MkvEvent.Tracks event) {
        for (TrackInfo info : event.tracks()) {
          if (config[0] == null && info.isVideo()) {
            config[0] = DecoderConfig.h264(info.codecPrivate(), info.pixelWidth(), info.pixelHeight());
            track[0] = info.number();
          }
        }
      }

      @Override
      public void frame(Frame frame) {
        if (frame.trackNumber() == track[0]) {
          packets.add(new Packet(frame.bytes(), frame.timestampMillis(), frame.keyFrame()));
        }
      }
    };
    try {
      MkvParser.parse(ByteBuffer.wrap(Files.readAllBytes(capture(fileName))), visitor);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (config[0] == null) {
      throw new IllegalStateException(fileName + " has no video track");
    }
    return new Track(config[0], List.copyOf(packets));
  }

  static Track demuxWithFfmpeg(String fileName) {
    try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(capture(fileName).toFile())) {
      grabber.start();
      int videoIndex = -1;
      for (int i = 0; i < grabber.getFormatContext().nb_streams(); i++) {
        if (grabber.getFormatContext().streams(i).codecpar().codec_type() == AVMEDIA_TYPE_VIDEO) {
          videoIndex = i;
          break;
        }
      }
      if (videoIndex < 0) {
        throw new IllegalStateException(fileName + " has no video stream");
      }
      AVStream stream = grabber.getFormatContext().streams(videoIndex);
      AVCodecParameters parameters = stream.codecpar();
      byte[] extradata = new byte[parameters.extradata_size()];
      parameters.extradata().get(extradata);
      DecoderConfig config = DecoderConfig.h264(extradata, parameters.width(), parameters.height());
      List<Packet> packets = new ArrayList<>();
      AVPacket packet;
      while ((packet = grabber.grabPacket()) != null) {
        if (packet.stream_index() != videoIndex) {
          continue;
        }
        byte[] data = new byte[packet.size()];
        packet.data().get(data);
        long ptsMs = av_rescale_q(packet.pts(), stream.time_base(), av_make_q(1, 1000));
        packets.add(new Packet(data, ptsMs, (packet.flags() & AV_PKT_FLAG_KEY) != 0));
      }
      return new Track(config, List.copyOf(packets));
    } catch (FrameGrabber.Exception e) {
      throw new IllegalStateException("cannot demux " + fileName, e);
    }
  }
}
