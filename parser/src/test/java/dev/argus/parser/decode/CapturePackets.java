package dev.argus.parser.decode;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;

import java.nio.ByteBuffer;
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
 * Test and benchmark fixture: the video track of a capture in {@code testdata/kvs}, demuxed by
 * FFmpeg (javacv's {@link FFmpegFrameGrabber#grabPacket()}), as the decoders would get it from
 * our MKV parser: the CodecPrivate (the demuxer's extradata, AVCC for H.264) and each block's
 * payload, presentation time and key flag, in file order. Loaded once per file and kept.
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
    return CACHE.computeIfAbsent(fileName, CapturePackets::demux);
  }

  private static Track demux(String fileName) {
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
