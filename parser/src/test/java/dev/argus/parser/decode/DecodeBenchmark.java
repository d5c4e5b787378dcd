package dev.argus.parser.decode;

import com.amazonaws.kinesisvideo.parser.mkv.Frame;
import com.amazonaws.kinesisvideo.parser.utilities.H264FrameDecoder;
import com.amazonaws.kinesisvideo.parser.utilities.MkvTrackMetadata;
import dev.argus.parser.decode.CapturePackets.Packet;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Decode throughput on {@code bezos_vogels.mkv} (1280x720 H.264 High, 546 frames): one
 * operation is one frame, so scores are frames per second. Every invocation decodes the whole
 * file from its first key frame and flushes, as a batch job over a stored clip would.
 *
 * <ul>
 *   <li>{@code ffmpegToBgr}: {@link FfmpegFrameDecoder}, every picture converted to a BGR Mat.
 *   <li>{@code ffmpegDecodeOnly}: the same, pictures not converted (what a sampling consumer
 *       pays for the frames it skips; comparable to the command line's {@code -f null}).
 *   <li>{@code jcodecToBgr}: {@link JcodecFrameDecoder}, every picture to BGR.
 *   <li>{@code kvsH264FrameDecoder}: the peer, the KVS parser library's jcodec-based
 *       H264FrameDecoder, every picture to a BufferedImage.
 *   <li>{@code ffmpegCommandLine}: {@code ffmpeg -i file -f null -} as a child process
 *       (demuxing and process start included; needs {@code ffmpeg} on the PATH).
 * </ul>
 *
 * Run: {@code mvn -B -pl parser -am -Pbench verify -DskipTests -Djmh.args='DecodeBenchmark'}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 4, time = 5)
@Fork(1)
public class DecodeBenchmark {

  /** Packets (and so frames) in the capture; JMH needs it as a constant. */
  static final int FRAMES = 546;

  static List<Packet> packets() {
    List<Packet> packets = CapturePackets.bezosVogels().packets();
    if (packets.size() != FRAMES) {
      throw new IllegalStateException("expected " + FRAMES + " packets, got " + packets.size());
    }
    return packets;
  }

  /** An open FFmpeg decoder with {@code threads} codec threads. */
  @State(Scope.Thread)
  public static class Ffmpeg {
    @Param({"1", "2"})
    int threads;
    List<Packet> packets;
    FfmpegFrameDecoder decoder;

    @Setup(Level.Trial)
    public void open() throws DecodeException {
      packets = packets();
      decoder = FfmpegFrameDecoder.open(CapturePackets.bezosVogels().config(),
          FfmpegFrameDecoder.Options.defaults().withThreads(threads));
    }

    @TearDown(Level.Trial)
    public void close() {
      decoder.close();
    }
  }

  /** An open jcodec decoder. */
  @State(Scope.Thread)
  public static class Jcodec {
    List<Packet> packets;
    JcodecFrameDecoder decoder;

    @Setup(Level.Trial)
    public void open() throws DecodeException {
      packets = packets();
      decoder = JcodecFrameDecoder.open(CapturePackets.bezosVogels().config());
    }

    @TearDown(Level.Trial)
    public void close() {
      decoder.close();
    }
  }

  /** The KVS parser library's decoder with the track's metadata, as its FrameVisitor gives it. */
  @State(Scope.Thread)
  public static class Kvs {
    List<Packet> packets;
    H264FrameDecoder decoder;
    MkvTrackMetadata track;

    @Setup(Level.Trial)
    public void open() {
      packets = packets();
      decoder = new H264FrameDecoder();
      DecoderConfig config = CapturePackets.bezosVogels().config();
      track = MkvTrackMetadata.builder()
          .trackNumber(BigInteger.ONE)
          .codecId(VideoCodec.H264.matroskaCodecId())
          .codecPrivateData(ByteBuffer.wrap(config.codecPrivateBytes()))
          .pixelWidth(Optional.of(BigInteger.valueOf(config.width())))
          .pixelHeight(Optional.of(BigInteger.valueOf(config.height())))
          .build();
    }
  }

  /** The ffmpeg command line with {@code -threads} (0: one per core, its default). */
  @State(Scope.Thread)
  public static class CommandLine {
    @Param({"0", "1"})
    String threads;
    List<String> command;

    @Setup(Level.Trial)
    public void find() {
      command = List.of("ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error",
          "-threads", threads, "-i", CapturePackets.capture("bezos_vogels.mkv").toString(),
          "-f", "null", "-");
    }
  }

  @Benchmark
  @OperationsPerInvocation(FRAMES)
  public int ffmpegToBgr(Ffmpeg state, Blackhole hole) throws DecodeException {
    FrameSink sink = frame -> hole.consume(frame.mat());
    return decodeAll(state.decoder, state.packets, sink);
  }

  @Benchmark
  @OperationsPerInvocation(FRAMES)
  public int ffmpegDecodeOnly(Ffmpeg state, Blackhole hole) throws DecodeException {
    FrameSink sink = frame -> hole.consume(frame.ptsMs());
    return decodeAll(state.decoder, state.packets, sink);
  }

  @Benchmark
  @OperationsPerInvocation(FRAMES)
  public int jcodecToBgr(Jcodec state, Blackhole hole) throws DecodeException {
    FrameSink sink = frame -> hole.consume(frame.bgr());
    return decodeAll(state.decoder, state.packets, sink);
  }

  @Benchmark
  @OperationsPerInvocation(FRAMES)
  public void kvsH264FrameDecoder(Kvs state, Blackhole hole) {
    for (Packet packet : state.packets) {
      // A copy, as the KVS parser hands out: jcodec unescapes NAL units in place.
      Frame frame = Frame.builder().trackNumber(1).timeCode((int) packet.ptsMs())
          .keyFrame(packet.keyFrame()).frameData(ByteBuffer.wrap(packet.data().clone())).build();
      hole.consume(state.decoder.decodeH264Frame(frame, state.track));
    }
  }

  @Benchmark
  @OperationsPerInvocation(FRAMES)
  public int ffmpegCommandLine(CommandLine state) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(state.command)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    int exit = process.waitFor();
    if (exit != 0) {
      throw new IllegalStateException("ffmpeg exited with " + exit);
    }
    return exit;
  }

  private static int decodeAll(FrameDecoder decoder, List<Packet> packets, FrameSink sink)
      throws DecodeException {
    int pictures = 0;
    for (Packet packet : packets) {
      pictures += decoder.decode(packet.buffer(), packet.ptsMs(), packet.keyFrame(), sink);
    }
    return pictures + decoder.flush(sink);
  }
}
