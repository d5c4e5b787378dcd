package dev.argus.datastream.api;

import static dev.argus.datastream.api.Members.MEMBERS;

import com.fasterxml.jackson.databind.JsonNode;
import dev.argus.awshttp.api.AwsException;
import dev.argus.awshttp.api.ErrorType;
import dev.argus.awshttp.api.RequestHead;
import dev.argus.awshttp.eventstream.EventStreamMessage;
import dev.argus.awshttp.protocol.ErrorBodies;
import dev.argus.awshttp.protocol.Protocol;
import dev.argus.datastream.engine.DataStreamEngine;
import dev.argus.datastream.engine.IteratorType;
import dev.argus.datastream.engine.RecordBatch;
import dev.argus.datastream.engine.StreamsException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SubscribeToShard exchange: reads the small request body, then (on the subscription
 * scheduler, never the event loop) resolves the consumer, shard and starting position, answers
 * 200 with {@code application/vnd.amazon.eventstream}, sends the {@code initial-response} event
 * and then a {@code SubscribeToShardEvent} whenever records arrive (and at least every {@link
 * #HEARTBEAT}), for {@link #LIFETIME} or until the shard's end, when the last event carries
 * ChildShards. Event payloads are in the request's protocol (JSON or CBOR), as the SDK decodes
 * them with the protocol it sent.
 *
 * <p>One subscription per consumer and shard at a time: another is a ResourceInUseException
 * until the first ends.
 *
 * <p>Backpressure: a tick that finds the channel unwritable sends nothing. Each event holds at
 * most {@link #MAX_EVENT_BYTES} of records, which with one event per {@link #POLL} caps one
 * subscription's rate when the shard limits are on: its own read budget (2 MB/s, as in AWS),
 * apart from the shard's shared GetRecords budget. With the limits off a tick sends up to
 * {@link #UNLIMITED_BURST} full events while the channel stays writable.
 *
 * <p>Not shareable: one instance per exchange. Its state is touched by the event loop until the
 * body is read, then by the scheduler thread only; the channel's methods are thread-safe.
 */
final class SubscribeToShardHandler extends ChannelInboundHandlerAdapter {

  private static final Logger LOG = LoggerFactory.getLogger(SubscribeToShardHandler.class);
  static final Duration LIFETIME = Duration.ofMinutes(5);
  static final Duration POLL = Duration.ofMillis(20);
  static final Duration HEARTBEAT = Duration.ofSeconds(1);
  static final long MAX_EVENT_BYTES = 40 * 1024;
  static final int MAX_EVENT_RECORDS = 10_000;
  /** Events one tick may send back to back when the shard limits are off (about 1 MiB). */
  static final int UNLIMITED_BURST = 25;
  static final int MAX_REQUEST_BYTES = 64 * 1024;
  static final String EVENT_STREAM_TYPE = "application/vnd.amazon.eventstream";

  private final RequestHead head;
  private final DataStreamEngine engine;
  private final RecordOperations records;
  private final ScheduledExecutorService scheduler;
  private final Clock clock;
  private final Protocol protocol;
  /** Active subscriptions by consumer ARN and shard, shared by every handler of the API. */
  private final java.util.Set<String> active;
  /** This subscription's key in {@link #active} once it holds it, else null. */
  private volatile String key;
  private ByteBuf body = Unpooled.buffer();
  private ScheduledFuture<?> ticks;
  private String iterator;
  private long deadlineMillis;
  private long lastEventMillis;

  SubscribeToShardHandler(RequestHead head, DataStreamEngine engine, RecordOperations records,
                          ScheduledExecutorService scheduler, Clock clock, java.util.Set<String> active) {
    this.active = active;
    this.head = head;
    this.engine = engine;
    this.records = records;
    this.scheduler = scheduler;
    this.clock = clock;
    this.protocol = head.protocol();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (msg instanceof HttpContent content && body != null) {
        if (body.readableBytes() + content.content().readableBytes() > MAX_REQUEST_BYTES) {
          body.release();
          body = null;
          fail(ctx, ErrorType.REQUEST_TOO_LARGE.exception("SubscribeToShard body exceeds " + MAX_REQUEST_BYTES + " bytes"));
        } else {
          body.writeBytes(content.content());
        }
      }
      if (msg instanceof LastHttpContent && body != null) {
        byte[] bytes = new byte[body.readableBytes()];
        body.readBytes(bytes);
        body.release();
        body = null;
        submit(ctx, () -> start(ctx, bytes));
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  private void submit(ChannelHandlerContext ctx, Runnable task) {
    try {
      scheduler.execute(task);
    } catch (RejectedExecutionException e) {
      fail(ctx, ErrorType.SERVICE_UNAVAILABLE.exception("server is stopping"));
    }
  }

  /** On the scheduler: resolve, answer, start ticking. */
  private void start(ChannelHandlerContext ctx, byte[] bytes) {
    try {
      JsonNode request = protocol.decode(bytes);
      RecordOperations.ConsumerRef consumer = records.consumerRef(request);
      String shard = MEMBERS.requiredText(request, "ShardId");
      JsonNode position = MEMBERS.required(MEMBERS.object(request, "StartingPosition"), "StartingPosition");
      String type = MEMBERS.requiredText(position, "Type");
      IteratorType parsed;
      try {
        parsed = IteratorType.valueOf(type);
      } catch (IllegalArgumentException e) {
        throw new dev.argus.datastream.engine.ValidationException("StartingPosition Type " + type + " is not valid");
      }
      Instant at = protocol.readTimestamp(position.get("Timestamp"));
      iterator = engine.getShardIterator(consumer.streamArn(), StreamOperations.shardId(shard, "ShardId"), parsed,
          MEMBERS.text(position, "SequenceNumber"), at);
      String wanted = consumer.consumer().arn(consumer.streamArn()) + " " + shard;
      if (!active.add(wanted)) {
        throw new dev.argus.datastream.engine.ResourceInUseException("Another active subscription exists for consumer "
            + consumer.consumer().name() + " on shard " + shard);
      }
      key = wanted;
    } catch (StreamsException e) {
      fail(ctx, ErrorTable.toAws(e));
      return;
    } catch (AwsException e) {
      fail(ctx, e);
      return;
    }
    HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, EVENT_STREAM_TYPE)
        .set(HttpHeaderNames.TRANSFER_ENCODING, "chunked")
        .set("x-amzn-RequestId", head.requestId());
    ctx.write(response);
    ctx.writeAndFlush(frame(EventStreamMessage.event("initial-response", protocol.contentType(), protocol.encode(Map.of()))));
    long now = clock.millis();
    deadlineMillis = now + LIFETIME.toMillis();
    lastEventMillis = now;
    ticks = scheduler.scheduleWithFixedDelay(() -> tick(ctx), 0, POLL.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** On the scheduler: push what arrived; end at the deadline, the shard's end or a failure. */
  private void tick(ChannelHandlerContext ctx) {
    if (ticks == null || ticks.isCancelled()) {
      return;
    }
    if (!ctx.channel().isActive()) {
      ticks.cancel(false);
      release();
      return;
    }
    long now = clock.millis();
    if (now >= deadlineMillis) {
      finish(ctx);
      return;
    }
    // With the shard limits off nothing caps a subscription's rate: a tick goes on sending while
    // records come back and the channel takes them, up to a burst, so that one tick per POLL
    // does not become a read budget of MAX_EVENT_BYTES per POLL.
    int burst = engine.config().shardLimits() ? 1 : UNLIMITED_BURST;
    try {
      for (int sent = 0; sent < burst && ctx.channel().isWritable(); sent++) {
        if (!sendOnce(ctx, now)) {
          return;
        }
      }
    } catch (StreamsException e) {
      AwsException error = ErrorTable.toAws(e);
      ctx.writeAndFlush(frame(EventStreamMessage.exception(error.type().name(), protocol.contentType(),
          ErrorBodies.encode(protocol, error.type(), error.getMessage()))));
      finish(ctx);
    } catch (RuntimeException e) {
      LOG.warn("subscription {} failed", head.requestId(), e);
      finish(ctx);
    }
  }

  /**
   * Sends the next event if records arrived, the heartbeat is due or the shard ended; true when
   * it sent records and the subscription goes on, so more may be waiting.
   */
  private boolean sendOnce(ChannelHandlerContext ctx, long now) {
    RecordBatch batch = engine.readForSubscription(iterator, MAX_EVENT_RECORDS, MAX_EVENT_BYTES);
    boolean end = batch.nextShardIterator() == null;
    if (batch.records().isEmpty() && !end && now - lastEventMillis < HEARTBEAT.toMillis()) {
      iterator = batch.nextShardIterator();
      return false;
    }
    ctx.writeAndFlush(frame(EventStreamMessage.event("SubscribeToShardEvent", protocol.contentType(),
        protocol.encode(new SubscribeToShardEvent(batch)))));
    lastEventMillis = now;
    iterator = batch.nextShardIterator();
    if (end) {
      finish(ctx);
      return false;
    }
    return !batch.records().isEmpty();
  }

  private static DefaultHttpContent frame(EventStreamMessage message) {
    return new DefaultHttpContent(Unpooled.wrappedBuffer(message.encode()));
  }

  private void release() {
    String held = key;
    if (held != null) {
      key = null;
      active.remove(held);
    }
  }

  private void finish(ChannelHandlerContext ctx) {
    if (ticks != null) {
      ticks.cancel(false);
    }
    release();
    ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
    ctx.executor().execute(() -> {
      if (ctx.pipeline().context(this) != null) {
        ctx.pipeline().remove(this);
      }
    });
  }

  /** An error before the stream started: an ordinary AWS error response. */
  private void fail(ChannelHandlerContext ctx, AwsException error) {
    byte[] bytes = ErrorBodies.encode(protocol, error.type(), error.getMessage());
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
        HttpResponseStatus.valueOf(error.type().httpStatus()), Unpooled.wrappedBuffer(bytes));
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, protocol.contentType())
        .set(HttpHeaderNames.CONTENT_LENGTH, bytes.length)
        .set(ErrorBodies.ERROR_TYPE_HEADER, error.type().name())
        .set("x-amzn-RequestId", head.requestId());
    ctx.writeAndFlush(response);
    ctx.executor().execute(() -> {
      if (ctx.pipeline().context(this) != null) {
        ctx.pipeline().remove(this);
      }
    });
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    if (ticks != null) {
      ticks.cancel(false);
    }
    release();
    super.channelInactive(ctx);
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    if (body != null) {
      body.release();
      body = null;
    }
  }

  static List<String> eventTypes() {
    return List.of("initial-response", "SubscribeToShardEvent");
  }
}
