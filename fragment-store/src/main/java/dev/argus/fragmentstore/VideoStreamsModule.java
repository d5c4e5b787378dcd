package dev.argus.fragmentstore;

import dev.argus.awshttp.api.AwsApi;
import dev.argus.fragmentstore.api.VideoControlPlaneApi;
import dev.argus.fragmentstore.catalog.StreamLifecycleListener;
import dev.argus.fragmentstore.catalog.VideoStreamCatalog;
import dev.argus.fragmentstore.catalogstore.CatalogFile;
import dev.argus.fragmentstore.catalogstore.CorruptCatalogException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * Kinesis Video Streams for the app to wire: the durable stream catalog and its API on the shared
 * port. Usage:
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

    private final VideoStreamCatalog catalog;
    private final AwsApi api;

    private VideoStreamsModule(VideoStreamCatalog catalog) {
        this.catalog = catalog;
        this.api = new VideoControlPlaneApi(catalog);
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
        return new VideoStreamsModule(new VideoStreamCatalog(file.load(), file, listener, clock, region, account));
    }

    /** The control plane, for {@code HttpServer.start(config, apis)}. */
    public AwsApi api() {
        return api;
    }

    public VideoStreamCatalog catalog() {
        return catalog;
    }

    /**
     * Releases nothing today: every change is already durable when it is answered. It exists so the
     * app closes the module after the server, which the media side's logs will need.
     */
    @Override
    public void close() {
    }
}
