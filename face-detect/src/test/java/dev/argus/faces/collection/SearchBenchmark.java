package dev.argus.faces.collection;

import dev.argus.faces.detect.BoundingBox;
import dev.argus.faces.embed.LbpFaceEmbedder;
import dev.argus.faces.embed.SfaceFaceEmbedder;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * One brute-force search (top 80 above a cosine of 0.55) over a collection of random unit
 * embeddings, at the LBP default's dimension (2,124) and SFace's (128). Memory: 100k LBP faces
 * are 850 MB of floats, hence the fork's -Xmx.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx3g")
public class SearchBenchmark {

  @Param({"1000", "100000"})
  public int faces;

  @Param({"" + LbpFaceEmbedder.DIMENSION, "" + SfaceFaceEmbedder.DIMENSION})
  public int dimension;

  private FaceMatrix matrix;
  private float[] query;

  @Setup(Level.Trial)
  public void setUp() {
    Random random = new Random(42);
    matrix = new FaceMatrix(dimension);
    BoundingBox box = new BoundingBox(0.2f, 0.3f, 0.1f, 0.1f);
    for (int i = 0; i < faces; i++) {
      matrix.add(new FaceRecord(new UUID(random.nextLong(), random.nextLong()), new UUID(0, i), null, box, 99f,
          Faces.unit(random, dimension)));
    }
    query = Faces.unit(random, dimension);
  }

  @Benchmark
  public List<FaceMatch> search() {
    return matrix.search(query, 0.55, 80, null);
  }
}
