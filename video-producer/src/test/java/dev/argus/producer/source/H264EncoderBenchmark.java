package dev.argus.producer.source;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.BytePointer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Encode throughput of raw 640x480 frames with libopenh264 through {@link H264Encoder} (frames/s),
 * with a key frame every 60 frames (a 2 s fragment at 30 fps). Run (see BENCHMARKS.md):
 * {@code java -cp <test classpath> org.openjdk.jmh.Main H264EncoderBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 10)
@Fork(1)
public class H264EncoderBenchmark {

  @Param({"640x480"})
  public String size;

  @Param({"2000000"})
  public int bitrate;

  private List<ByteBuffer> frames;
  private H264Encoder encoder;
  private int width;
  private long index;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    String[] wh = size.split("x");
    width = Integer.parseInt(wh[0]);
    int height = Integer.parseInt(wh[1]);
    frames = YuvFrames.generate(width, height, 90);
    encoder = new H264Encoder(width, height, 30, bitrate, 60);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    encoder.flush();
    encoder.close();
  }

  @Benchmark
  public int encodeFrame() throws Exception {
    long i = index++;
    ByteBuffer frame = frames.get((int) (i % frames.size()));
    return encoder.encode(new BytePointer(frame), width, 1_764_000_000_000_000L + i * 33_333L, i % 60 == 0).size();
  }
}
