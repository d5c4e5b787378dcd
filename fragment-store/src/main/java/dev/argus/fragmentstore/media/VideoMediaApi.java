package dev.argus.fragmentstore.media;

import com.fasterxml.jackson.databind.JsonNode;
import dev.argus.awshttp.api.AwsApi;
import dev.argus.awshttp.api.AwsResponse;
import dev.argus.awshttp.api.Operation;
import dev.argus.awshttp.api.RequestHead;
import dev.argus.awshttp.api.StreamingOperation;
import dev.argus.awshttp.api.UnaryOperation;
import dev.argus.fragmentstore.api.Members;
import dev.argus.fragmentstore.catalog.InvalidArgumentException;
import dev.argus.fragmentstore.catalog.VideoStreamCatalog;
import dev.argus.fragmentstore.fragment.FragmentMeta;
import dev.argus.fragmentstore.fragment.FragmentNumber;
import dev.argus.fragmentstore.store.FragmentStore;
import dev.argus.fragmentstore.store.StreamKey;
import dev.argus.fragmentstore.store.StreamStorage;
import io.netty.handler.codec.http.HttpMethod;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The Kinesis Video data plane on the shared port: {@code POST /putMedia} and {@code /getMedia}
 * (kinesis-video-media), {@code /listFragments} and {@code /getMediaForFragmentList}
 * (kinesis-video-archived-media), without an {@code X-Amz-Target}. Failures become AWS errors
 * through {@link MediaErrors}.
 *
 * <p>Thread-safe: {@link #resolve} is a map lookup; each streaming request gets its own handler.
 */
public final class VideoMediaApi implements AwsApi {
  /** Largest Fragments list of GetMediaForFragmentList. */
  static final int MAX_FRAGMENT_LIST = 1000;

  private final MediaContext media;
  private final Map<String, Operation> operations;

  /** One pool for both reads and writes. */
  public VideoMediaApi(VideoStreamCatalog catalog, FragmentStore store, Executor workers, Clock clock) {
    this(catalog, store, workers, workers, clock);
  }

  /**
   * @param writers runs PutMedia's stores; must not reject (unbounded queue): each connection
   *     keeps at most a couple of tasks queued
   * @param readers runs GetMedia's and GetMediaForFragmentList's reads, so that readers never wait
   *     behind writes stalled by an fsync; same rule
   */
  public VideoMediaApi(VideoStreamCatalog catalog, FragmentStore store, Executor writers, Executor readers,
      Clock clock) {
    this(catalog, store, writers, readers, clock, new LiveFeeds());
  }

  /**
   * @param live where PutMedia shows the fragments it is receiving, for GetMedia and in-process
   *     readers at the live edge
   */
  public VideoMediaApi(VideoStreamCatalog catalog, FragmentStore store, Executor writers, Executor readers,
      Clock clock, LiveFeeds live) {
    Executor workers = readers;
    this.media = new MediaContext(catalog, store, writers, clock, live);
    ArchivedMediaOperations archived = new ArchivedMediaOperations(catalog, store);
    UnaryOperation listFragments = request -> {
      try {
        return CompletableFuture.completedFuture(AwsResponse.ok(archived.listFragments(request)));
      } catch (Exception e) {
        Throwable mapped = MediaErrors.toAws(e);
        return CompletableFuture.failedFuture(mapped != null ? mapped : e);
      }
    };
    this.operations = Map.of(
        "/putMedia", (StreamingOperation) head -> new PutMediaHandler(head, media),
        "/getMedia", (StreamingOperation) head -> new MediaStreamHandler(head, this::openGetMedia, workers),
        "/getMediaForFragmentList",
        (StreamingOperation) head -> new MediaStreamHandler(head, this::openFragmentList, workers),
        "/listFragments", listFragments);
  }

  @Override
  public Optional<Operation> resolve(RequestHead head) {
    if (!HttpMethod.POST.equals(head.method()) || !head.target().isEmpty()) {
      return Optional.empty();
    }
    return Optional.ofNullable(operations.get(head.path()));
  }

  private ChunkSource openGetMedia(RequestHead head, JsonNode body) throws Exception {
    StartSelector selector = GetMediaRequest.selector(body, head.protocol()::readTimestamp);
    StreamStorage stream = ArchivedMediaOperations.stream(media.catalog(), media.store(), body);
    ReaderLimits.Slot slot = media.getLimits().tryAcquire(stream.key());
    if (slot == null) {
      throw new ClientLimitExceededException("stream " + stream.key().streamName() + " already has "
          + ReaderLimits.DEFAULT_MAX_GET_MEDIA + " GetMedia connections");
    }
    try {
      return new GetMediaSource(new LiveTail(selector.openCursor(stream), media.live(), stream.key(), media.clock(),
          true),
          slot);
    } catch (RuntimeException e) {
      slot.close();
      throw e;
    }
  }

  private ChunkSource openFragmentList(RequestHead head, JsonNode body) throws Exception {
    List<String> numbers = Members.required(Members.stringList(body, "Fragments"), "Fragments");
    if (numbers.isEmpty() || numbers.size() > MAX_FRAGMENT_LIST) {
      throw new InvalidArgumentException("Fragments must hold 1 to " + MAX_FRAGMENT_LIST + " fragment numbers");
    }
    StreamStorage stream = ArchivedMediaOperations.stream(media.catalog(), media.store(), body);
    List<FragmentMeta> fragments = new ArrayList<>(numbers.size());
    for (String number : numbers) {
      FragmentNumber parsed = FragmentNumber.parse(number);
      fragments.add(stream.find(parsed).orElseThrow(() -> new FragmentNotFoundException(number)));
    }
    return new FragmentListSource(stream, fragments);
  }

  /** GetMedia connections open on a stream (for tests and metrics). */
  int getMediaConnections(StreamKey key) {
    return media.getLimits().count(key);
  }
}
