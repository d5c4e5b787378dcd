package dev.argus.awshttp.api;

import io.netty.channel.ChannelHandler;

/**
 * An operation that streams: its request body is never aggregated and it writes its own
 * response, for as long as it likes (PutMedia, GetMedia, SubscribeToShard).
 *
 * <p>The router adds the handler returned by {@link #newHandler} to the pipeline right after
 * itself, then passes it the {@code HttpRequest} and every {@code HttpContent} of that request,
 * through the {@code LastHttpContent}. The handler owns the exchange from then on: it writes the
 * response (status line first), honours backpressure on its own channel, and removes itself from
 * the pipeline once its response is complete. Over HTTP/2 the channel is the stream's child
 * channel; over HTTP/1.1 it is the connection.
 */
@FunctionalInterface
public non-sealed interface StreamingOperation extends Operation {

  /** Called on the event loop; must not block. */
  ChannelHandler newHandler(RequestHead head);
}
