package dev.argus.producer;

import dev.argus.producer.buffer.EncodedFragment;
import dev.argus.producer.fragment.FragmentLimits;
import dev.argus.producer.fragment.Fragmenter;
import dev.argus.producer.fragment.FragmenterEvent;
import dev.argus.producer.fragment.Packet;
import dev.argus.producer.mkv.MkvPackaging;
import dev.argus.producer.source.MediaSource;
import dev.argus.producer.upload.StreamUploader;
import dev.argus.producer.upload.UploadConfig;
import dev.argus.producer.upload.UploadListener;
import dev.argus.producer.upload.UploadMetrics;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A camera-to-stream pipeline: {@link MediaSource} → {@link Fragmenter} → {@link MkvPackaging} →
 * {@link StreamUploader}.
 *
 * <p>Frames are streamed: the key frame that opens a fragment starts a Cluster of unknown size on the
 * PutMedia connection, and every frame is written to it as soon as the source produces it (as the KVS
 * producer SDK does), so a frame leaves the camera without waiting for its fragment to end.
 *
 * <p>Live sources never wait: when the network falls behind, the content buffer drops its oldest
 * un-sent fragments (reported to the listener). A recorded source instead waits for room in the
 * buffer, and with {@code realtime} is paced to its own clock (decoding timestamps), as a camera
 * would deliver it.
 *
 * <p>Lifecycle: {@link #start()}, then {@link #awaitCompletion} (a recorded source ends by itself) or
 * {@link #close()} (stops reading, uploads what was fragmented until {@code drainTimeout}, then
 * gives up). Thread-safe; runs one reading thread plus the uploader's.
 */
public final class VideoProducer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(VideoProducer.class);
  /** How long a recorded source waits for buffer room before a fragment is offered anyway (and the oldest dropped). */
  static final Duration SPACE_WAIT = Duration.ofMinutes(5);

  private final MediaSource source;
  private final Fragmenter fragmenter;
  private final StreamUploader uploader;
  private final UploadListener listener;
  private final UploadMetrics metrics;
  private final boolean live;
  private final boolean realtime;
  private final Thread reader;
  private volatile boolean stopping;
  private volatile IOException sourceFailure;

  /**
   * @param live whether the source is live (never paced, never waits for buffer room)
   * @param realtime for a recorded source, pace it to its own clock
   */
  public VideoProducer(MediaSource source, boolean live, boolean realtime, FragmentLimits limits, UploadConfig config,
      EventLoopGroup group, Clock clock, Random random, UploadListener listener) {
    this.source = source;
    this.live = live;
    this.realtime = realtime;
    this.listener = listener;
    this.metrics = new UploadMetrics();
    this.fragmenter = Fragmenter.streaming(limits, 1);
    this.uploader = new StreamUploader(config, MkvPackaging.header(source.track()), group, clock, random, listener, metrics);
    this.reader = new Thread(this::read, "argus-produce-" + config.target().streamName());
    this.reader.setDaemon(true);
    if (source.encodes()) {
      source.keyFramesWhen(fragmenter::wantsKeyFrame);
    }
  }

  public void start() {
    uploader.start();
    reader.start();
  }

  /**
   * Waits until the source ended and everything was uploaded (or given up), or the upload failed;
   * returns whether that happened within {@code timeout}.
   */
  public boolean awaitCompletion(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    reader.join(Math.max(1, timeout.toMillis()));
    long left = (deadline - System.nanoTime()) / 1_000_000;
    return !reader.isAlive() && uploader.awaitDone(Duration.ofMillis(Math.max(1, left)));
  }

  /** Whether everything the source gave was persisted or accounted for as dropped, without failure. */
  public boolean succeeded() {
    return sourceFailure == null && uploader.completed();
  }

  /** The first unrecoverable failure of the source or the upload, if any. */
  public Optional<Exception> failure() {
    if (sourceFailure != null) {
      return Optional.of(sourceFailure);
    }
    return uploader.failure().map(e -> e);
  }

  public UploadMetrics metrics() {
    return metrics;
  }

  /** Stops reading; the fragments already made are uploaded for up to {@code drainTimeout}. */
  public void stop(Duration drainTimeout) throws InterruptedException {
    stopping = true;
    try {
      source.close();
    } catch (IOException e) {
      LOG.debug("closing the source: {}", e.getMessage());
    }
    reader.join(drainTimeout.toMillis() + 1);
    uploader.finish();
    uploader.awaitDone(drainTimeout);
  }

  @Override
  public void close() throws InterruptedException {
    stop(Duration.ofSeconds(5));
    uploader.close();
  }

  private void read() {
    long firstDts = Long.MIN_VALUE;
    long startNanos = System.nanoTime();
    try {
      for (Optional<Packet> next = source.next(); next.isPresent() && !stopping; next = source.next()) {
        Packet packet = next.get();
        metrics.frameIn();
        if (realtime && !live) {
          if (firstDts == Long.MIN_VALUE) {
            firstDts = packet.dtsMicros();
          }
          pace(startNanos, packet.dtsMicros() - firstDts);
        }
        handle(fragmenter.accept(packet));
      }
      handle(fragmenter.flush());
    } catch (IOException | RuntimeException e) {
      if (!stopping) {
        sourceFailure = e instanceof IOException io ? io : new IOException("source failed: " + e, e);
        listener.onError(sourceFailure, true);
      }
      handle(fragmenter.flush());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      uploader.finish();
    }
  }

  private static void pace(long startNanos, long offsetMicros) throws InterruptedException {
    long waitNanos = startNanos + offsetMicros * 1000 - System.nanoTime();
    if (waitNanos > 0) {
      Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
    }
  }

  private void stream(FragmenterEvent.FrameAdded added) {
    if (added.opensFragment()) {
      // the Cluster start goes out unconditionally: it is what lets the server end, and so
      // persist, the previous fragment, which frees room for this one
      uploader.open(added.sequence(), added.timecodeMillis(), MkvPackaging.clusterStart(added.timecodeMillis()));
    }
    byte[] block = MkvPackaging.block(added.timecodeMillis(), added.packet());
    if (!live) {
      awaitSpace(block.length, added.packet().ptsMillis());
    }
    uploader.append(added.sequence(), block, added.packet().ptsMillis());
  }

  private void awaitSpace(long size, long endMillis) {
    try {
      uploader.awaitSpace(size, endMillis, SPACE_WAIT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void handle(java.util.List<FragmenterEvent> events) {
    for (FragmenterEvent event : events) {
      if (event instanceof FragmenterEvent.FrameAdded added) {
        stream(added);
      } else if (event instanceof FragmenterEvent.FragmentEnded ended) {
        uploader.complete(ended.sequence());
      } else if (event instanceof FragmenterEvent.FragmentReady ready) {
        EncodedFragment encoded = MkvPackaging.encode(ready.fragment());
        if (!live) {
          awaitSpace(encoded.size(), encoded.endMillis());
        }
        uploader.offer(encoded);
      } else if (event instanceof FragmenterEvent.FrameDropped dropped) {
        metrics.frameDropped();
        listener.onFrameDropped(dropped.packet().ptsMicros(), dropped.reason().name());
      } else if (event instanceof FragmenterEvent.TimestampsShifted shifted) {
        LOG.warn("timestamps moved forward by {} us from fragment {} to keep fragments in order",
            shifted.deltaMicros(), shifted.sequence());
      }
    }
  }
}
