package dev.argus.producer.source;

import dev.argus.producer.VideoProducer;
import dev.argus.producer.control.ControlPlaneClient;
import dev.argus.producer.fragment.FragmentLimits;
import dev.argus.producer.fragment.Packet;
import dev.argus.producer.upload.PutMediaTarget;
import dev.argus.producer.upload.UploadConfig;
import dev.argus.producer.upload.UploadListener;
import dev.argus.producer.upload.UploadMetrics;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import org.bytedeco.javacpp.BytePointer;

/**
 * Load benchmark: N passthrough camera streams of ~2 Mbit/s H.264 (640x480, 30 fps, a key frame
 * every 2 s) from one producer process, in real time, against a running Argus server. Prints, per N:
 * fragments persisted of those made, fragments dropped, the largest buffered span seen, the
 * process's CPU (percent of one core) and heap after GC, per stream.
 *
 * <p>{@code java -cp <test classpath> dev.argus.producer.source.ProducerLoadBenchmark ENDPOINT SECONDS N...}
 */
public final class ProducerLoadBenchmark {

  private ProducerLoadBenchmark() {}

  public static void main(String[] args) throws Exception {
    URI endpoint = URI.create(args[0]);
    int seconds = Integer.parseInt(args[1]);
    List<Packet> clip = clip();
    long bits = clip.stream().mapToLong(p -> p.data().length).sum() * 8;
    System.out.printf(Locale.ROOT, "clip: %d frames, %.2f Mbit/s%n", clip.size(), bits / (clip.size() / 30.0) / 1e6);
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    ControlPlaneClient control = new ControlPlaneClient(endpoint);
    System.out.println("streams | persisted/made | dropped | max buffered s | CPU % of a core (per stream) | heap MiB (per stream)");
    for (int a = 2; a < args.length; a++) {
      run(endpoint, control, group, clip, Integer.parseInt(args[a]), seconds);
    }
    group.shutdownGracefully();
  }

  private static void run(URI endpoint, ControlPlaneClient control, EventLoopGroup group, List<Packet> clip, int n,
      int seconds) throws Exception {
    VideoTrack track = new VideoTrack(VideoTrack.H264, codecPrivate, 640, 480);
    List<VideoProducer> producers = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String name = "load-" + n + "-" + i;
      control.createStream(name, 1);
      UploadConfig config = UploadConfig.defaults(new PutMediaTarget(endpoint, name));
      producers.add(new VideoProducer(new Replay(track, clip, seconds), false, true, FragmentLimits.defaults(), config,
          group, Clock.systemUTC(), new Random(i), new UploadListener() {}));
    }
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpu0 = os.getProcessCpuTime();
    long wall0 = System.nanoTime();
    producers.forEach(VideoProducer::start);
    long maxBuffered = 0;
    long heapMax = 0;
    for (int s = 0; s < seconds; s++) {
      Thread.sleep(1000);
      for (VideoProducer p : producers) {
        maxBuffered = Math.max(maxBuffered, p.metrics().snapshot().bufferMillis());
      }
      if (s == seconds / 2) {
        System.gc();
        heapMax = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      }
    }
    double cpuPercent = (os.getProcessCpuTime() - cpu0) * 100.0 / (System.nanoTime() - wall0);
    long persisted = 0;
    long made = 0;
    long dropped = 0;
    for (VideoProducer p : producers) {
      p.awaitCompletion(Duration.ofSeconds(30));
      UploadMetrics.Snapshot m = p.metrics().snapshot();
      persisted += m.fragmentsPersisted();
      made += m.fragmentsBuffered();
      dropped += m.fragmentsDropped();
      p.close();
    }
    System.out.printf(Locale.ROOT, "%d | %d/%d | %d | %.1f | %.0f (%.2f) | %.0f (%.2f)%n", n, persisted, made, dropped,
        maxBuffered / 1000.0, cpuPercent, cpuPercent / n, heapMax / 1048576.0, heapMax / 1048576.0 / n);
  }

  private static byte[] codecPrivate;

  /** 10 s of noisy test pattern encoded at 2 Mbit/s. */
  private static List<Packet> clip() throws Exception {
    List<ByteBuffer> frames = YuvFrames.generate(640, 480, 300);
    List<Packet> out = new ArrayList<>();
    try (H264Encoder encoder = new H264Encoder(640, 480, 30, 2_000_000, 60)) {
      codecPrivate = encoder.track().codecPrivate();
      for (int i = 0; i < frames.size(); i++) {
        out.addAll(encoder.encode(new BytePointer(frames.get(i)), 640, i * 33_333L, i % 60 == 0));
      }
      out.addAll(encoder.flush());
    }
    return out;
  }

  /** Replays the clip in a loop for a while, timestamps rewritten from the wall clock, sharing its arrays. */
  private static final class Replay implements MediaSource {
    private final VideoTrack track;
    private final List<Packet> clip;
    private final long frames;
    private final long anchor = System.currentTimeMillis() * 1000L;
    private long index;

    Replay(VideoTrack track, List<Packet> clip, int seconds) {
      this.track = track;
      this.clip = clip;
      this.frames = seconds * 30L;
    }

    @Override
    public VideoTrack track() {
      return track;
    }

    @Override
    public Optional<Packet> next() {
      if (index >= frames) {
        return Optional.empty();
      }
      Packet p = clip.get((int) (index % clip.size()));
      long t = anchor + index++ * 33_333L;
      return Optional.of(new Packet(1, t, t, p.key(), p.data()));
    }

    @Override
    public void close() {}
  }
}
