package dev.argus.fragmentstore.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.argus.awshttp.api.RequestHead;
import dev.argus.fragmentstore.catalog.NewStream;
import dev.argus.fragmentstore.catalog.StreamInfo;
import dev.argus.fragmentstore.catalog.Tags;
import dev.argus.fragmentstore.catalog.VideoStreamCatalog;
import dev.argus.fragmentstore.store.FragmentStore;
import dev.argus.fragmentstore.store.StoreConfig;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * A real catalog and fragment store for handler tests, driven on the test thread: media work runs
 * inline, and the group commit runs only when the test calls {@link #flush()}.
 */
final class MediaFixture implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  final FragmentStore store;
  final VideoStreamCatalog catalog;
  final MediaContext media;
  final Executor inline = Runnable::run;

  MediaFixture(Path dir) throws IOException {
    Clock clock = Clock.systemUTC();
    store = FragmentStore.open(dir, clock, StoreConfig.defaults().withFlushInterval(Duration.ofDays(1)));
    catalog = VideoStreamCatalog.inMemory(store, clock);
    media = new MediaContext(catalog, store, inline, clock);
  }

  StreamInfo createStream(String name, int retentionHours) {
    return catalog.create(new NewStream(name, null, null, null, retentionHours, Tags.of(Map.of())));
  }

  void flush() {
    store.flush();
  }

  static RequestHead head(String path, Map<String, String> headers) {
    HttpHeaders h = new DefaultHttpHeaders();
    headers.forEach(h::set);
    return new RequestHead(HttpMethod.POST, path, "", h, "req-1");
  }

  static DefaultHttpRequest request(RequestHead head) {
    return new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, head.path(), head.headers());
  }

  static HttpContent content(byte[] bytes, int from, int to, boolean last) {
    ByteBuf buf = Unpooled.copiedBuffer(bytes, from, to - from);
    return last ? new DefaultLastHttpContent(buf) : new DefaultHttpContent(buf);
  }

  /** What a handler wrote: the response head and the concatenated body, and whether it ended. */
  record Written(HttpResponse head, byte[] body, boolean ended) {
    List<JsonNode> acks() throws IOException {
      List<JsonNode> acks = new ArrayList<>();
      for (String line : new String(body, StandardCharsets.UTF_8).split("\n")) {
        if (!line.isEmpty()) {
          acks.add(JSON.readTree(line));
        }
      }
      return acks;
    }
  }

  static Written drain(EmbeddedChannel channel) {
    HttpResponse head = null;
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    boolean ended = false;
    Object msg;
    while ((msg = channel.readOutbound()) != null) {
      if (msg instanceof HttpResponse response) {
        head = response;
      }
      if (msg instanceof HttpContent content) {
        byte[] bytes = new byte[content.content().readableBytes()];
        content.content().getBytes(content.content().readerIndex(), bytes);
        body.writeBytes(bytes);
        ended |= msg instanceof io.netty.handler.codec.http.LastHttpContent;
      }
      ReferenceCountUtil.release(msg);
    }
    return new Written(head, body.toByteArray(), ended);
  }

  @Override
  public void close() {
    store.close();
  }
}
