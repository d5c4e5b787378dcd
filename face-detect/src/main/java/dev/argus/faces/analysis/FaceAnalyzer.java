package dev.argus.faces.analysis;

import dev.argus.faces.detect.DetectedFace;
import dev.argus.faces.detect.FaceDetector;
import dev.argus.faces.embed.FaceEmbedder;
import dev.argus.faces.image.ImageDecoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * The heavy part of every image request: decode, detect, embed, on a bounded pool of its own
 * ({@value #THREAD_PREFIX}N threads), never on the caller's thread.
 *
 * <p>Bounds: {@link #DEFAULT_THREADS} threads (one per core) and at most {@link #DEFAULT_QUEUE}
 * waiting analyses; past that, {@link #analyze} fails at once with {@link AnalyzerBusyException}.
 * Each analysis holds one decoded image (at most {@link ImageDecoder#DEFAULT_MAX_PIXELS} pixels)
 * while it runs; queued ones hold only their encoded bytes (at most 5 MB each).
 *
 * <p>Thread-safe. Owns the detector and the embedder and closes them.
 */
public final class FaceAnalyzer implements AutoCloseable {

  public static final int DEFAULT_THREADS = Math.max(1, Runtime.getRuntime().availableProcessors());
  public static final int DEFAULT_QUEUE = 32;
  static final String THREAD_PREFIX = "argus-faces-";

  private final FaceDetector detector;
  private final FaceEmbedder embedder;
  private final ThreadPoolExecutor pool;

  public FaceAnalyzer(FaceDetector detector, FaceEmbedder embedder, int threads, int queue) {
    this.detector = Objects.requireNonNull(detector, "detector");
    this.embedder = Objects.requireNonNull(embedder, "embedder");
    AtomicInteger count = new AtomicInteger();
    this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(queue),
        r -> {
          Thread thread = new Thread(r, THREAD_PREFIX + count.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
  }

  public FaceEmbedder embedder() {
    return embedder;
  }

  /**
   * Decodes {@code image}, detects its faces and embeds those {@code chooseToEmbed} picks from
   * them (a sublist, in the order to report). The future fails with the decoder's
   * {@code ImageTooLargeException} / {@code InvalidImageFormatException} for bad images.
   *
   * @throws AnalyzerBusyException when the pool and its queue are full
   */
  public CompletableFuture<Analysis> analyze(byte[] image, UnaryOperator<List<DetectedFace>> chooseToEmbed) {
    try {
      return CompletableFuture.supplyAsync(() -> run(image, chooseToEmbed), pool);
    } catch (RejectedExecutionException e) {
      throw new AnalyzerBusyException("face analysis is at capacity (" + pool.getMaximumPoolSize()
          + " running, " + pool.getQueue().size() + " waiting); retry later");
    }
  }

  /** Detection and embedding of an already decoded frame, on the caller's thread (for stream processors). */
  public Analysis analyzeDecoded(Mat bgr, UnaryOperator<List<DetectedFace>> chooseToEmbed) {
    List<DetectedFace> faces = detector.detect(bgr);
    List<EmbeddedFace> embedded = new ArrayList<>();
    for (DetectedFace face : chooseToEmbed.apply(faces)) {
      embedded.add(new EmbeddedFace(face, embedder.embed(bgr, face)));
    }
    return new Analysis(bgr.cols(), bgr.rows(), faces, embedded);
  }

  private Analysis run(byte[] image, UnaryOperator<List<DetectedFace>> chooseToEmbed) {
    try (Mat bgr = ImageDecoder.decode(image)) {
      return analyzeDecoded(bgr, chooseToEmbed);
    }
  }

  @Override
  public void close() {
    pool.shutdown();
    try {
      if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
        pool.shutdownNow();
      }
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
    }
    detector.close();
    embedder.close();
  }
}
