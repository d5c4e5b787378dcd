package dev.argus.producer.upload;

import dev.argus.producer.ack.AckEvent;
import dev.argus.producer.ack.AckEventType;
import dev.argus.producer.ack.KvsErrorId;
import dev.argus.producer.buffer.ContentBuffer;
import dev.argus.producer.buffer.EncodedFragment;
import io.netty.channel.EventLoopGroup;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uploads fragments to one stream over a long PutMedia connection, and never loses one it can resend.
 *
 * <p>Fragments are either {@link #offer}ed whole, or streamed frame by frame ({@link #open},
 * {@link #append}, {@link #complete}) as Clusters of unknown size: each frame is written to the
 * connection as soon as it is appended, and a streamed fragment's end reaches the server with the next
 * Cluster or the end of the body. The fragment in progress counts against the buffer, is resent from
 * its start after a reconnect and then continues live; rotation waits for a fragment boundary.
 *
 * <p>Lifecycle: {@link #start()}, then {@link #offer} (or stream) fragments in timecode order, {@link #finish()}
 * when the input ends, {@link #awaitDone} until every fragment is PERSISTED (or given up), and
 * {@link #close()}. Each connection starts with the MKV header (EBML, Segment, Info, Tracks) and then
 * sends the buffer from its first un-PERSISTED fragment, so a new connection resends what the old
 * one may have lost.
 *
 * <p>A connection is replaced when it fails, when the server ends it, when an ERROR ack asks for a
 * resend ({@link KvsErrorId.Action#RESEND}), when it goes stale ({@link ReconnectPolicy#isStale}),
 * and, gracefully (body ended, acks awaited), when it reaches {@link ReconnectPolicy#maxAge()}. An
 * ERROR ack that condemns one fragment drops that fragment and keeps the connection. Failures back
 * off per the policy; a non-retriable failure, or too many in a row, stop the upload
 * ({@link #failure()}).
 *
 * <p>Thread-safe: {@link #offer} from the producing thread, acks on the Netty event loop, connection
 * handling on the uploader's own thread.
 */
public final class StreamUploader implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(StreamUploader.class);
  /** How often the uploader thread re-checks staleness and rotation while idle. */
  static final Duration POLL = Duration.ofMillis(50);
  /** How long a failed connection's event loop gets to report why (a refusal, an error). */
  static final Duration VERDICT_WAIT = Duration.ofSeconds(1);

  private final UploadConfig config;
  private final ContentBuffer buffer;
  private final byte[] header;
  private final EventLoopGroup group;
  private final Clock clock;
  private final Random random;
  private final UploadListener listener;
  private final UploadMetrics metrics;
  private final long producerStartMillis;
  private final Thread thread;
  private volatile boolean stopping;
  private volatile PutMediaException failure;
  private volatile boolean done;

  public StreamUploader(UploadConfig config, byte[] header, EventLoopGroup group, Clock clock, Random random,
      UploadListener listener, UploadMetrics metrics) {
    this.config = config;
    this.buffer = new ContentBuffer(config.buffer());
    this.header = header.clone();
    this.group = group;
    this.clock = clock;
    this.random = random;
    this.listener = listener;
    this.metrics = metrics;
    this.producerStartMillis = clock.millis();
    this.thread = new Thread(this::run, "argus-upload-" + config.target().streamName());
    this.thread.setDaemon(true);
  }

  public void start() {
    thread.start();
  }

  /** Buffers a complete fragment (a Cluster of known size) for upload; reports what the buffer had to drop for it. */
  public void offer(EncodedFragment fragment) {
    accepted(buffer.offer(fragment));
    metrics.fragmentsBuffered.incrementAndGet();
  }

  /**
   * Starts streaming fragment {@code sequence}: {@code head} is the start of its Cluster of unknown
   * size ({@link dev.argus.producer.mkv.MkvPackaging#clusterStart}). It goes out at once, and each
   * {@link #append}ed frame as soon as the connection takes it. The previous streamed fragment must
   * have been {@link #complete completed}.
   */
  public void open(long sequence, long timecodeMillis, byte[] head) {
    accepted(buffer.open(sequence, timecodeMillis, head));
    metrics.fragmentsBuffered.incrementAndGet();
  }

  /** Adds one frame (a SimpleBlock) to the streamed fragment {@code sequence}, presented up to {@code endMillis}. */
  public void append(long sequence, byte[] block, long endMillis) {
    accepted(buffer.append(sequence, block, endMillis));
  }

  /** Ends the streamed fragment {@code sequence}: its next Cluster, or the end of the body, closes it on the wire. */
  public void complete(long sequence) {
    buffer.complete(sequence);
  }

  /** Waits (up to {@code timeout}) until {@code size} more bytes presented up to {@code endMillis} fit without a drop. */
  public boolean awaitSpace(long size, long endMillis, Duration timeout) throws InterruptedException {
    return buffer.awaitSpace(size, endMillis, timeout);
  }

  private void accepted(List<ContentBuffer.Dropped> drops) {
    for (ContentBuffer.Dropped dropped : drops) {
      metrics.fragmentsDropped.incrementAndGet();
      listener.onFragmentDropped(dropped.fragment(), dropped.wasSent() ? "buffer full (sent, not persisted)" : "buffer full");
    }
    updateBufferMetrics();
    long span = buffer.durationMillis();
    if (span > config.maxLatency().toMillis()) {
      listener.onLatencyPressure(Duration.ofMillis(span));
    }
  }

  /** Waits (up to {@code timeout}) until {@code fragment} fits in the buffer without a drop. */
  public boolean awaitSpace(EncodedFragment fragment, Duration timeout) throws InterruptedException {
    return buffer.awaitSpace(fragment, timeout);
  }

  /** No more fragments: the uploader ends once the buffer is drained. */
  public void finish() {
    buffer.close();
  }

  /** Waits until every fragment was persisted or given up, or the upload failed; true if finished. */
  public boolean awaitDone(Duration timeout) throws InterruptedException {
    thread.join(Math.max(1, timeout.toMillis()));
    return !thread.isAlive();
  }

  /** Whether the upload ended with everything persisted or accounted for as dropped. */
  public boolean completed() {
    return done && failure == null;
  }

  /** Why the upload stopped, if it failed. */
  public Optional<PutMediaException> failure() {
    return Optional.ofNullable(failure);
  }

  public UploadMetrics metrics() {
    return metrics;
  }

  /** Bytes and span currently buffered (un-persisted). */
  public long bufferedBytes() {
    return buffer.bytes();
  }

  @Override
  public void close() throws InterruptedException {
    stopping = true;
    buffer.close();
    thread.interrupt();
    thread.join(10_000);
  }

  private void run() {
    int failures = 0;
    int attempt = 0;
    try {
      while (!stopping && !buffer.drained()) {
        Session session = new Session();
        PutMediaConnection connection;
        try {
          connection = PutMediaConnection.open(group, config.target(), producerStartMillis, config.connectTimeout(), session);
        } catch (PutMediaException e) {
          failures = backOff(e, failures + 1);
          continue;
        }
        attempt++;
        int resent = buffer.rewind();
        if (attempt > 1) {
          metrics.reconnects.incrementAndGet();
          metrics.fragmentsResent.addAndGet(resent);
        }
        listener.onConnected(attempt, resent);
        Outcome outcome;
        try {
          outcome = pump(session, connection);
        } finally {
          connection.close();
        }
        if (outcome == Outcome.FAILED) {
          session.awaitVerdict(VERDICT_WAIT); // e.g. a refusal read just before the peer closed
        }
        synchronized (session) {
          // an ack being handled on the event loop finishes its bookkeeping before we go on
          if (session.persistedSeen) {
            failures = 0;
          }
        }
        if (session.fatal != null) {
          fail(session.fatal);
          return;
        }
        if (outcome == Outcome.FAILED) {
          failures = backOff(session.reason(), failures + 1);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      fail(new PutMediaException("upload thread failed: " + e, false, e));
    } finally {
      done = true;
    }
  }

  private enum Outcome { DRAINED, ROTATED, FAILED, STOPPED }

  private Outcome pump(Session session, PutMediaConnection connection) throws InterruptedException {
    Instant opened = clock.instant();
    session.lastAck = opened;
    if (!connection.write(header, config.policy().staleAfter())) {
      return Outcome.FAILED;
    }
    boolean bodyEnded = false;
    while (true) {
      if (stopping) {
        return Outcome.STOPPED;
      }
      if (session.failure != null || session.resend != null || session.fatal != null) {
        return Outcome.FAILED;
      }
      if (session.ended) {
        // a server closing an idle request (nothing outstanding, e.g. while a camera reconnects)
        // is not a failure: reconnect without counting it
        return buffer.drained() ? Outcome.DRAINED : buffer.awaitingAcks() ? Outcome.FAILED : Outcome.ROTATED;
      }
      Instant now = clock.instant();
      if (config.policy().isStale(session.lastAck, now, buffer.awaitingAcks())) {
        Duration silence = Duration.between(session.lastAck, now);
        metrics.staleConnections.incrementAndGet();
        listener.onConnectionStale(silence);
        session.failure = new PutMediaException("no acknowledgement for " + silence.toMillis() + " ms", true);
        return Outcome.FAILED;
      }
      if (buffer.drained()) {
        if (!bodyEnded) {
          connection.finish();
        }
        return Outcome.DRAINED;
      }
      if (!bodyEnded && buffer.needsBodyEnd()) {
        // the last streamed Cluster ends with the body: only then can the server persist it
        connection.finish();
        buffer.bodyEnded();
        bodyEnded = true;
      }
      if (bodyEnded) {
        buffer.awaitDrained(POLL);
        continue;
      }
      boolean rotateDue = config.policy().shouldRotate(opened, now);
      if (rotateDue && buffer.atBoundary()) {
        return rotate(session, connection);
      }
      // when a rotation is due, finish the fragment on the wire first (a new connection starts a Cluster)
      Optional<ContentBuffer.Piece> next = buffer.takePiece(POLL, rotateDue);
      if (next.isPresent()) {
        send(session, connection, next.get());
      }
    }
  }

  private void send(Session session, PutMediaConnection connection, ContentBuffer.Piece piece) throws InterruptedException {
    if (connection.write(piece.bytes(), config.policy().staleAfter())) {
      if (piece.opensFragment()) {
        metrics.fragmentsSent.incrementAndGet();
      }
      metrics.bytesSent.addAndGet(piece.bytes().length);
    } else if (session.failure == null) {
      session.failure = new PutMediaException("connection not writable for " + config.policy().staleAfter(), true);
    }
  }

  /** Ends the body, waits for the acks of what was sent (up to the staleness timeout). */
  private Outcome rotate(Session session, PutMediaConnection connection) throws InterruptedException {
    connection.finish();
    buffer.bodyEnded();
    long deadline = System.nanoTime() + config.policy().staleAfter().toNanos();
    while (!session.ended && session.failure == null && buffer.awaitingAcks() && System.nanoTime() < deadline) {
      Thread.sleep(POLL.toMillis());
    }
    LOG.debug("rotated the PutMedia connection for {}", config.target().streamName());
    return Outcome.ROTATED;
  }

  private int backOff(PutMediaException cause, int failures) throws InterruptedException {
    boolean fatal = !cause.retriable() || config.policy().exhausted(failures);
    listener.onError(cause, fatal);
    if (fatal) {
      fail(cause);
      stopping = true;
      return failures;
    }
    Duration wait = config.policy().backoff(failures, random);
    LOG.info("PutMedia to {} failed ({}); retrying in {} ms", config.target().streamName(), cause.getMessage(), wait.toMillis());
    Thread.sleep(wait.toMillis());
    return failures;
  }

  private void fail(PutMediaException cause) {
    if (failure == null) {
      failure = cause;
    }
    stopping = true;
  }

  private void updateBufferMetrics() {
    metrics.bufferBytes.set(buffer.bytes());
    metrics.bufferMillis.set(buffer.durationMillis());
  }

  /** What the event loop learns about one connection. */
  private final class Session implements PutMediaConnection.Events {
    volatile Instant lastAck;
    volatile boolean ended;
    volatile boolean persistedSeen;
    volatile PutMediaException failure;
    volatile PutMediaException resend;
    volatile PutMediaException fatal;

    /** Waits until the event loop said why the connection ended, up to {@code timeout}. */
    void awaitVerdict(Duration timeout) throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (failure == null && resend == null && fatal == null && !ended && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
    }

    PutMediaException reason() {
      PutMediaException why = failure != null ? failure : resend;
      return why != null ? why : new PutMediaException("the server ended the PutMedia response", true);
    }

    @Override
    public synchronized void ack(AckEvent ack) {
      lastAck = clock.instant();
      listener.onAck(ack);
      if (ack.type() == AckEventType.PERSISTED) {
        List<EncodedFragment> trimmed = buffer.persisted(ack.fragmentTimecode());
        metrics.fragmentsPersisted.addAndGet(trimmed.size());
        metrics.bytesPersisted.addAndGet(trimmed.stream().mapToLong(EncodedFragment::size).sum());
        persistedSeen = true;
        updateBufferMetrics();
      } else if (ack.type() == AckEventType.ERROR) {
        onError(ack);
      }
    }

    private void onError(AckEvent ack) {
      metrics.errorAcks.incrementAndGet();
      String what = "ERROR ack " + ack.errorId() + (ack.errorCode() == null ? "" : " " + ack.errorCode())
          + (ack.fragmentTimecode() == null ? "" : " for fragment " + ack.fragmentTimecode());
      switch (KvsErrorId.actionFor(ack.errorId())) {
        case RESEND -> {
          if (ack.fragmentTimecode() != null) {
            buffer.markForResend(ack.fragmentTimecode());
          }
          resend = new PutMediaException(what, true);
        }
        case STOP -> fatal = new PutMediaException(what, false);
        case DROP_FRAGMENT -> {
          if (ack.fragmentTimecode() != null) {
            buffer.reject(ack.fragmentTimecode()).ifPresent(f -> {
              metrics.fragmentsDropped.incrementAndGet();
              listener.onFragmentDropped(f, what);
            });
            updateBufferMetrics();
          } else {
            resend = new PutMediaException(what, true);
          }
        }
        default -> throw new IllegalStateException();
      }
    }

    @Override
    public void failed(PutMediaException e) {
      failure = e;
    }

    @Override
    public void ended() {
      ended = true;
    }
  }
}
