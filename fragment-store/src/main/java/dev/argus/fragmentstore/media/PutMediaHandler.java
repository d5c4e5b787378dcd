package dev.argus.fragmentstore.media;

import dev.argus.awshttp.api.RequestHead;
import dev.argus.awshttp.linger.LingeringClose;
import dev.argus.fragmentstore.catalog.StreamInfo;
import dev.argus.fragmentstore.fragment.FragmentDraft;
import dev.argus.fragmentstore.fragment.StreamHeader;
import dev.argus.fragmentstore.store.StreamClosedException;
import dev.argus.fragmentstore.store.StreamKey;
import dev.argus.fragmentstore.store.StreamStorage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PutMedia's HTTP edge: feeds the request body, chunk by chunk as it arrives, to a
 * {@link FragmentAssembler}, stores each fragment through the connection's own
 * {@link SerialExecutor} lane, and streams the acknowledgements back as newline-separated JSON
 * ({@link Ack}) on the 200 response of the same exchange.
 *
 * <p>Per fragment: BUFFERING when its cluster starts (with the number it will be stored under),
 * RECEIVED once it is stored (visible to readers), PERSISTED once an fsync covers it (streams
 * with retention 0 stop at RECEIVED), or an ERROR. After an ERROR nothing more of the body is read: the response ends once earlier fragments
 * are acknowledged, and the connection closes. An IDLE ack goes out every
 * {@link #DEFAULT_IDLE_ACK_SECONDS} s without other acks; after {@link #DEFAULT_SILENCE_TIMEOUT_SECONDS}
 * s without body bytes the request ends (a fragment cut short is dropped with ERROR 4000). A
 * connection open for {@link #DEFAULT_MAX_CONNECTION_SECONDS} (KVS's 45 minutes) ends with ERROR
 * 4003 MAX_CONNECTION_DURATION_REACHED once the fragments before are acknowledged (a fragment still
 * arriving is dropped); the producer reconnects, as the KVS producer SDK does.
 *
 * <p>Live edge: while a fragment arrives it is shown to readers ({@link LiveFeeds}) block by block,
 * under the number reserved for it when it began; it completes there once stored. A fragment that
 * ends any other way (ERROR ack, disconnect, silence, a failed store) fails there and is never
 * stored, so a live reader never gets a continuation token for it (see {@link LiveTail}).
 *
 * <p>Backpressure: while more than {@link #DEFAULT_MAX_PENDING_BYTES} of fragments wait for the
 * store, the channel stops reading. Memory per connection: the fragment being assembled (at most
 * 50 MB) plus the pending ones.
 *
 * <p>Not thread-safe: state lives on the channel's event loop; the lane's results come back through
 * it.
 */
final class PutMediaHandler extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(PutMediaHandler.class);
  static final int DEFAULT_MAX_PENDING_BYTES = 8 << 20;
  static final int DEFAULT_IDLE_ACK_SECONDS = 3;
  static final int DEFAULT_SILENCE_TIMEOUT_SECONDS = 30;
  static final int DEFAULT_MAX_CONNECTION_SECONDS = 45 * 60;
  static final String ACK_CONTENT_TYPE = "application/json";

  private final RequestHead head;
  private final MediaContext media;
  private final SerialExecutor lane;
  private final int maxConnectionSeconds;
  private ChannelHandlerContext ctx;

  private enum State { RESOLVING, STREAMING, STOPPED, DONE }

  private State state = State.RESOLVING;
  /** Body messages that arrived while the stream was being resolved (one read batch at most). */
  private final Queue<HttpContent> early = new ArrayDeque<>();
  private PutMediaRequest request;
  private FragmentAssembler assembler;
  private StreamStorage storage;
  private ReaderLimits.Slot slot;
  private boolean persists;
  private boolean bodyDone;
  /** Fragments and acks the lane or the flusher still owes this connection. */
  private int outstanding;
  private long pendingBytes;
  private int silentSeconds;
  private int secondsSinceAck;
  private int connectionSeconds;
  private ScheduledFuture<?> ticker;
  /** The lane's current header version; lane only. */
  private long headerVersion = -1;
  /** The latest header the body carried (for live readers). */
  private StreamHeader latestHeader;
  /** The fragment being received, shown to live readers; null between fragments. */
  private LiveFragment live;

  PutMediaHandler(RequestHead head, MediaContext media) {
    this(head, media, DEFAULT_MAX_CONNECTION_SECONDS);
  }

  PutMediaHandler(RequestHead head, MediaContext media, int maxConnectionSeconds) {
    this.head = head;
    this.media = media;
    this.lane = new SerialExecutor(media.workers());
    this.maxConnectionSeconds = maxConnectionSeconds;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof HttpRequest) {
      onHead();
    }
    if (!(msg instanceof HttpContent content)) {
      ReferenceCountUtil.release(msg);
      return;
    }
    if (state == State.RESOLVING) {
      early.add(content);
      return;
    }
    try {
      onContent(content);
    } finally {
      content.release();
    }
  }

  private void onHead() {
    try {
      request = PutMediaRequest.of(head);
    } catch (RuntimeException e) {
      refuse(e);
      return;
    }
    ctx.channel().config().setAutoRead(false);
    lane.execute(() -> {
      try {
        StreamInfo info = media.catalog().describe(request.stream());
        StreamStorage opened = media.store().open(info);
        ReaderLimits.Slot held = media.putLimits().tryAcquire(StreamKey.of(info));
        if (held == null) {
          throw new ConnectionLimitExceededException("stream " + info.streamName()
              + " already has a PutMedia connection");
        }
        boolean persisting = media.store().persists(StreamKey.of(info));
        ctx.executor().execute(() -> begin(opened, held, persisting));
      } catch (Exception e) {
        ctx.executor().execute(() -> refuse(e));
      }
    });
  }

  private void begin(StreamStorage opened, ReaderLimits.Slot held, boolean persisting) {
    if (!ctx.channel().isActive()) {
      held.close();
      drainEarly();
      return;
    }
    storage = opened;
    slot = held;
    persists = persisting;
    assembler = new FragmentAssembler(request.producerBaseMillis());
    state = State.STREAMING;
    ctx.writeAndFlush(MediaResponses.streamingHead(head, ACK_CONTENT_TYPE));
    ticker = ctx.executor().scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
    while (!early.isEmpty()) {
      HttpContent content = early.poll();
      try {
        onContent(content);
      } finally {
        content.release();
      }
    }
    updateAutoRead();
  }

  private void refuse(Throwable failure) {
    state = State.DONE;
    drainEarly();
    // lingering: the producer may still be sending its body; a plain close could reset the
    // connection and destroy the refusal before the producer reads it
    LingeringClose.writeAndClose(ctx, MediaResponses.error(head, failure, true));
  }

  private void drainEarly() {
    HttpContent content;
    while ((content = early.poll()) != null) {
      content.release();
    }
  }

  private void onContent(HttpContent content) {
    if (state != State.STREAMING) {
      return;
    }
    ByteBuf bytes = content.content();
    if (bytes.isReadable()) {
      silentSeconds = 0;
      handle(assembler.feed(bytes.nioBuffer()));
    }
    if (content instanceof LastHttpContent && state == State.STREAMING) {
      handle(assembler.finish());
      bodyDone = true;
      endIfSettled();
    }
  }

  private void handle(List<IngestEvent> events) {
    for (IngestEvent event : events) {
      if (event instanceof IngestEvent.HeaderReady ready) {
        latestHeader = ready.header();
        lane.execute(() -> storeHeader(ready));
      } else if (event instanceof IngestEvent.FragmentStarted started) {
        showLive(started);
      } else if (event instanceof IngestEvent.FrameArrived arrived) {
        if (live != null) {
          live.append(arrived.elements());
        }
      } else if (event instanceof IngestEvent.FragmentReady ready) {
        LiveFragment shown = live;
        live = null;
        store(ready, shown);
      } else if (event instanceof IngestEvent.Failed failed) {
        log.debug("PutMedia {} refused a fragment: {} {}", head.requestId(), failed.code(), failed.reason());
        stop(Ack.error(failed.code(), failed.timecodeMillis(), null));
      }
    }
  }

  /**
   * Starts showing the fragment to live readers: its number is reserved on the lane, after the
   * fragments before it are stored, so it is the number it will be stored under; the BUFFERING ack
   * carries it, as Kinesis Video's does (without it only if the reservation failed).
   */
  private void showLive(IngestEvent.FragmentStarted started) {
    LiveFragment fragment = new LiveFragment(latestHeader, request.producerBaseMillis() + started.timecodeMillis(),
        started.metadata());
    live = fragment;
    long timecode = started.timecodeMillis();
    lane.execute(() -> {
      String number = null;
      try {
        fragment.assign(storage.reserveNumber());
        media.live().begin(storage.key(), fragment);
        number = fragment.number().toString();
      } catch (Exception e) {
        log.debug("PutMedia {}: no live number for a fragment: {}", head.requestId(), e.toString());
      }
      String buffering = number;
      ctx.executor().execute(() -> ack(Ack.of(Ack.Type.BUFFERING, timecode, buffering)));
    });
  }

  /** Ends the fragment being received for its live readers, who get {@code code}; it is never stored. */
  private void failLive(AckErrorCode code) {
    if (live != null) {
      live.fail(code);
      media.live().end(storage.key(), live);
      live = null;
    }
  }

  private void storeHeader(IngestEvent.HeaderReady ready) {
    try {
      headerVersion = storage.putHeader(ready.header());
    } catch (Exception e) {
      headerVersion = -1;
      log.warn("PutMedia {} could not store a stream header", head.requestId(), e);
    }
  }

  private void store(IngestEvent.FragmentReady ready, LiveFragment shown) {
    outstanding++;
    pendingBytes += ready.cluster().length;
    updateAutoRead();
    lane.execute(() -> {
      Object result;
      try {
        if (headerVersion < 0) {
          throw new IllegalStateException("no stored header");
        }
        StreamStorage.Appended appended = storage.append(new FragmentDraft(ready.producerMillis(),
            ready.durationMillis(), ready.frameCount(), headerVersion, ready.cluster(), ready.metadata()),
            shown == null ? null : shown.number());
        if (shown != null) {
          shown.complete(appended.meta(), ready.cluster(), media.clock().millis());
        }
        result = appended;
      } catch (Exception e) {
        if (shown != null) {
          shown.fail(storeError(e));
        }
        result = e;
      }
      if (shown != null) {
        media.live().end(storage.key(), shown);
      }
      Object outcome = result;
      ctx.executor().execute(() -> stored(ready, outcome));
    });
  }

  private void stored(IngestEvent.FragmentReady ready, Object outcome) {
    pendingBytes -= ready.cluster().length;
    updateAutoRead();
    if (outcome instanceof StreamStorage.Appended appended) {
      String number = appended.meta().number().toString();
      // only the timecode waits for the fsync: holding `ready` would keep the cluster's bytes on
      // the heap until PERSISTED, for every fragment of every stream
      long timecode = ready.timecodeMillis();
      ack(Ack.of(Ack.Type.RECEIVED, timecode, number));
      if (!persists) {
        settle();
        return;
      }
      appended.persisted().whenComplete((ok, failure) -> ctx.executor().execute(() -> {
        if (failure == null) {
          ack(Ack.of(Ack.Type.PERSISTED, timecode, number));
        } else {
          log.warn("PutMedia {}: fragment {} was not persisted", head.requestId(), number, failure);
          ack(Ack.error(AckErrorCode.ARCHIVAL_ERROR, timecode, number));
        }
        settle();
      }));
      return;
    }
    Exception failure = (Exception) outcome;
    AckErrorCode code = storeError(failure);
    if (code == AckErrorCode.INTERNAL_ERROR) {
      log.warn("PutMedia {} could not store a fragment", head.requestId(), failure);
    }
    settle();
    stop(Ack.error(code, ready.timecodeMillis(), null));
  }

  private static AckErrorCode storeError(Exception failure) {
    return failure instanceof StreamClosedException ? AckErrorCode.STREAM_NOT_ACTIVE : AckErrorCode.INTERNAL_ERROR;
  }

  private void settle() {
    outstanding--;
    endIfSettled();
  }

  /** Stops reading after an ERROR: the ack goes out once earlier fragments are stored. */
  private void stop(Ack error) {
    if (state != State.STREAMING) {
      return;
    }
    failLive(error.error());
    state = State.STOPPED;
    outstanding++;
    lane.execute(() -> ctx.executor().execute(() -> {
      ack(error);
      settle();
    }));
    updateAutoRead();
  }

  private void endIfSettled() {
    if (outstanding > 0 || state == State.DONE || state == State.RESOLVING) {
      return;
    }
    if (state == State.STREAMING && !bodyDone) {
      return;
    }
    boolean close = state == State.STOPPED && !bodyDone;
    state = State.DONE;
    release();
    if (close) { // the rest of the body may still be on its way: linger so the acks are read
      LingeringClose.writeAndClose(ctx, LastHttpContent.EMPTY_LAST_CONTENT);
    } else {
      ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
      ctx.channel().config().setAutoRead(true);
      ctx.pipeline().remove(this);
    }
  }

  private void ack(Ack ack) {
    if (state == State.DONE || !ctx.channel().isActive()) {
      return;
    }
    secondsSinceAck = 0;
    ctx.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(ack.encode())));
  }

  private void tick() {
    if (state != State.STREAMING || bodyDone) {
      return;
    }
    silentSeconds++;
    secondsSinceAck++;
    if (++connectionSeconds >= maxConnectionSeconds) {
      Long open = assembler.inFragment() ? assembler.fragmentTimecodeMillis() : null;
      stop(Ack.error(AckErrorCode.MAX_CONNECTION_DURATION_REACHED, open, null));
      return;
    }
    if (silentSeconds >= DEFAULT_SILENCE_TIMEOUT_SECONDS) {
      if (assembler.inFragment()) {
        stop(Ack.error(AckErrorCode.STREAM_READ_ERROR, null, null));
      } else {
        state = State.STOPPED;
        endIfSettled();
      }
      return;
    }
    if (secondsSinceAck >= DEFAULT_IDLE_ACK_SECONDS) {
      ack(Ack.idle());
    }
  }

  /** Reads only while streaming with few enough bytes waiting for the store. */
  private void updateAutoRead() {
    boolean read = state == State.STREAMING && pendingBytes <= DEFAULT_MAX_PENDING_BYTES;
    if (state == State.STOPPED) {
      read = true; // discard the rest of the body rather than stall the peer
    }
    if (ctx.channel().config().isAutoRead() != read) {
      ctx.channel().config().setAutoRead(read);
      if (read) {
        ctx.read();
      }
    }
  }

  private void release() {
    if (ticker != null) {
      ticker.cancel(false);
      ticker = null;
    }
    if (slot != null) {
      slot.close();
      slot = null;
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    failLive(AckErrorCode.STREAM_READ_ERROR);
    state = State.DONE;
    release();
    drainEarly();
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    log.debug("closing PutMedia {} after {}", head.requestId(), cause.toString());
    failLive(AckErrorCode.STREAM_READ_ERROR);
    state = State.DONE;
    release();
    ctx.close();
  }
}
