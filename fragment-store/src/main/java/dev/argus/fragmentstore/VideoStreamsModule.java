package dev.argus.fragmentstore;

import dev.argus.awshttp.api.AwsApi;
import dev.argus.fragmentstore.api.VideoControlPlaneApi;
import dev.argus.fragmentstore.catalog.StreamLifecycleListener;
import dev.argus.fragmentstore.catalog.VideoStreamCatalog;
import dev.argus.fragmentstore.catalogstore.CatalogFile;
import dev.argus.fragmentstore.catalogstore.CorruptCatalogException;
import dev.argus.fragmentstore.media.LiveFeeds;
import dev.argus.fragmentstore.media.VideoMediaApi;
import dev.argus.fragmentstore.store.FragmentStore;
import dev.argus.fragmentstore.store.StoreConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Kinesis Video Streams for the app to wire: the durable stream catalog and its control-plane API,
 * and, when opened with {@link #openWithMedia}, the fragment store and the media API (PutMedia,
 * GetMedia, ListFragments, GetMediaForFragmentList) on the shared port. Usage:
 *
 * <pre>{@code
 * try (VideoStreamsModule video = VideoStreamsModule.open(dataDir.resolve("video"), Clock.systemUTC(),
 *         VideoStreamsModule.DEFAULT_REGION, VideoStreamsModule.DEFAULT_ACCOUNT)) {
 *     HttpServer server = HttpServer.start(config, List.of(video.api(), ...));
 *     ...
 *     server.close(); // stop serving first, then close the module
 * }
 * }</pre>
 *
 * The catalog lives in {@code dir/}{@value CatalogFile#FILE_NAME}; each change is durable before it
 * is answered. Thread-safe.
 */
public final class VideoStreamsModule implements AutoCloseable {

    public static final String DEFAULT_REGION = "us-east-1";
    public static final String DEFAULT_ACCOUNT = "000000000000";

    /** Threads that store PutMedia fragments. */
    public static final int DEFAULT_MEDIA_WRITER_THREADS = 8;
    /** Threads that read fragments for GetMedia and GetMediaForFragmentList. */
    public static final int DEFAULT_MEDIA_READER_THREADS = 4;

    private final VideoStreamCatalog catalog;
    private final AwsApi api;
    /** Null when opened without media. */
    private final FragmentStore store;
    private final ExecutorService mediaWriters;
    private final ExecutorService mediaReaders;
    private final AwsApi mediaApi;
    private final LiveFeeds live;

    private VideoStreamsModule(VideoStreamCatalog catalog, FragmentStore store, ExecutorService mediaWriters,
                               ExecutorService mediaReaders, Clock clock, LiveFeeds live) {
        this.catalog = catalog;
        this.live = live;
        this.api = new VideoControlPlaneApi(catalog);
        this.store = store;
        this.mediaWriters = mediaWriters;
        this.mediaReaders = mediaReaders;
        this.mediaApi = store == null ? null : new VideoMediaApi(catalog, store, mediaWriters, mediaReaders, clock,
            live);
    }

    private static ExecutorService pool(String name, int threads) {
        AtomicInteger count = new AtomicInteger();
        return Executors.newFixedThreadPool(threads, r -> {
            Thread thread = new Thread(r, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Opens the catalog in {@code dir} and the fragment store in {@code dir/streams}, reconciled
     * with the catalog, with the store and then the live feeds as the catalog's lifecycle listener
     * (a deleted stream's fragments and its live edge are both dropped).
     */
    public static VideoStreamsModule openWithMedia(Path dir, Clock clock, String region, String account,
                                                   StoreConfig config) throws IOException {
        FragmentStore store = FragmentStore.open(Objects.requireNonNull(dir, "dir").resolve("streams"), clock, config);
        try {
            CatalogFile file = new CatalogFile(dir);
            LiveFeeds live = new LiveFeeds();
            VideoStreamCatalog catalog = new VideoStreamCatalog(file.load(), file, store.andThen(live), clock, region,
                    account);
            store.reconcile(catalog.streams());
            return new VideoStreamsModule(catalog, store, pool("video-media-writer", DEFAULT_MEDIA_WRITER_THREADS),
                    pool("video-media-reader", DEFAULT_MEDIA_READER_THREADS), clock, live);
        } catch (IOException | RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** Opens with no lifecycle listener (nothing to tell until the media side exists). */
    public static VideoStreamsModule open(Path dir, Clock clock, String region, String account) throws IOException {
        return open(dir, clock, region, account, StreamLifecycleListener.NONE);
    }

    /**
     * Opens the catalog in {@code dir}, creating the directory when it is new.
     *
     * @param region   for ARNs and the default KMS key id, e.g. {@link #DEFAULT_REGION}
     * @param account  for ARNs, digits, e.g. {@link #DEFAULT_ACCOUNT}
     * @param listener told of deletions and retention changes
     * @throws CorruptCatalogException when the catalog file exists but cannot be read
     */
    public static VideoStreamsModule open(Path dir, Clock clock, String region, String account,
                                          StreamLifecycleListener listener) throws IOException {
        CatalogFile file = new CatalogFile(Objects.requireNonNull(dir, "dir"));
        return new VideoStreamsModule(new VideoStreamCatalog(file.load(), file, listener, clock, region, account), null,
                null, null, clock, new LiveFeeds());
    }

    /** The control plane, for {@code HttpServer.start(config, apis)}. */
    public AwsApi api() {
        return api;
    }

    public VideoStreamCatalog catalog() {
        return catalog;
    }

    /** The media API, for {@code HttpServer.start}; only when opened {@link #openWithMedia with media}. */
    public AwsApi mediaApi() {
        if (mediaApi == null) {
            throw new IllegalStateException("opened without media");
        }
        return mediaApi;
    }

    /**
     * The fragment store, for in-process readers (a stream processor tails a stream with {@code
     * store().open(catalog().describe(ref)).cursor(offset)}); only when opened with media.
     */
    public FragmentStore store() {
        if (store == null) {
            throw new IllegalStateException("opened without media");
        }
        return store;
    }

    /**
     * The streams' live edges: the fragment PutMedia is receiving on each stream, frame by frame,
     * for in-process readers that want frames before the fragment is stored (a reader at
     * {@code cursor.position() == live().current(key).get().number().offset()} is at the edge).
     */
    public LiveFeeds live() {
        return live;
    }

    /**
     * Stops the media workers and closes the fragment store, forcing every written fragment. Close
     * it after the server has stopped taking requests. Catalog changes are already durable.
     */
    @Override
    public void close() {
        for (ExecutorService pool : new ExecutorService[] {mediaWriters, mediaReaders}) {
            if (pool != null) {
                pool.shutdown();
                try {
                    pool.awaitTermination(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        if (store != null) {
            store.close();
        }
    }
}
