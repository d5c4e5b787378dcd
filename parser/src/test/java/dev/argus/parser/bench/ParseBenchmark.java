package dev.argus.parser.bench;

import com.amazonaws.kinesisvideo.parser.ebml.InputStreamParserByteSource;
import com.amazonaws.kinesisvideo.parser.mkv.MkvElementVisitException;
import com.amazonaws.kinesisvideo.parser.mkv.StreamingMkvReader;
import com.amazonaws.kinesisvideo.parser.utilities.FragmentMetadataVisitor;
import com.amazonaws.kinesisvideo.parser.utilities.FrameVisitor;
import com.amazonaws.kinesisvideo.parser.utilities.MkvTrackMetadata;
import dev.argus.parser.kvs.FragmentListener;
import dev.argus.parser.kvs.FragmentMetadata;
import dev.argus.parser.kvs.FragmentVisitor;
import dev.argus.parser.mkv.Frame;
import dev.argus.parser.mkv.MkvParser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Parse throughput, ours against the KVS parser library's StreamingMkvReader + FrameVisitor, on the
 * same in-memory captures: parse, extract every frame (its bytes touched) with its fragment
 * metadata. One op = one whole file; MB/s = ops/s x file size, frames/s = ops/s x frames.
 *
 * <p>Not a test: run it with {@code scripts} in BENCHMARKS.md ({@code org.openjdk.jmh.Main} on the
 * test classpath). Add {@code -prof gc} for allocation per op (divide by the frame count).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class ParseBenchmark {

  @Param({"output_get_media.mkv", "bezos_vogels.mkv"})
  public String capture;

  private byte[] bytes;

  @Setup
  public void load() throws IOException {
    String root = System.getProperty("argus.testdata", "testdata");
    bytes = Files.readAllBytes(Path.of(root, "kvs", capture));
  }

  /** Ours, the whole file in one buffer. */
  @Benchmark
  public void argusWhole(Blackhole bh) {
    MkvParser.parse(ByteBuffer.wrap(bytes), new FragmentVisitor(new Sink(bh)));
  }

  /** Ours, fed 64 KiB at a time, as a network read loop would. */
  @Benchmark
  public void argusChunked64k(Blackhole bh) {
    MkvParser parser = new MkvParser(new FragmentVisitor(new Sink(bh)));
    for (int p = 0; p < bytes.length; p += 65536) {
      parser.feed(ByteBuffer.wrap(bytes, p, Math.min(65536, bytes.length - p)));
    }
    parser.finish();
  }

  /** The peer: StreamingMkvReader + FrameVisitor (which runs its FragmentMetadataVisitor). */
  @Benchmark
  public void kvsParserLibrary(Blackhole bh) throws MkvElementVisitException {
    FrameVisitor visitor = FrameVisitor.create(new PeerSink(bh));
    StreamingMkvReader.createDefault(new InputStreamParserByteSource(new ByteArrayInputStream(bytes))).apply(visitor);
  }

  /** Consumes what a frame consumer would: the frame's bytes and its fragment. */
  private record Sink(Blackhole bh) implements FragmentListener {
    @Override
    public void onFrame(Frame frame, FragmentMetadata fragment) {
      ByteBuffer data = frame.data();
      bh.consume(data.get(data.limit() - 1));
      bh.consume(frame.timestampNanos());
      bh.consume(fragment);
    }
  }

  private record PeerSink(Blackhole bh) implements FrameVisitor.FrameProcessor {
    @Override
    public void process(com.amazonaws.kinesisvideo.parser.mkv.Frame frame, MkvTrackMetadata track,
        Optional<com.amazonaws.kinesisvideo.parser.utilities.FragmentMetadata> fragment,
        Optional<FragmentMetadataVisitor.MkvTagProcessor> tags, Optional<BigInteger> timecodeScale,
        Optional<BigInteger> clusterTimecode) {
      ByteBuffer data = frame.getFrameData();
      bh.consume(data.get(data.limit() - 1));
      bh.consume(frame.getTimeCode());
      bh.consume(fragment);
    }

    @Override
    public void process(com.amazonaws.kinesisvideo.parser.mkv.Frame frame, MkvTrackMetadata track,
        Optional<com.amazonaws.kinesisvideo.parser.utilities.FragmentMetadata> fragment,
        Optional<FragmentMetadataVisitor.MkvTagProcessor> tags) {
      process(frame, track, fragment, tags, Optional.empty(), Optional.empty());
    }

    @Override
    public void process(com.amazonaws.kinesisvideo.parser.mkv.Frame frame, MkvTrackMetadata track,
        Optional<com.amazonaws.kinesisvideo.parser.utilities.FragmentMetadata> fragment) {
      process(frame, track, fragment, Optional.empty(), Optional.empty(), Optional.empty());
    }
  }
}
