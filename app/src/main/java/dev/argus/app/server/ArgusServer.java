package dev.argus.app.server;

import dev.argus.awshttp.api.AwsApi;
import dev.argus.awshttp.server.HttpServer;
import dev.argus.awshttp.server.ServerConfig;
import dev.argus.datastream.DataStreamsModule;
import dev.argus.datastream.engine.EngineConfig;
import dev.argus.datastream.lease.LeaseApi;
import dev.argus.datastream.lease.LeaseTables;
import dev.argus.faces.FacesModule;
import dev.argus.fragmentstore.VideoStreamsModule;
import dev.argus.fragmentstore.store.StoreConfig;
import dev.argus.log.DirectIo;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Argus process: the data directory, each module's API and store, and the port that serves
 * them. Modules are opened in dependency order and closed in reverse, after the port has stopped
 * taking requests, so every acknowledged write is flushed before storage closes.
 *
 * <p>Thread-safe; {@link #close()} is idempotent.
 */
public final class ArgusServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ArgusServer.class);

  private final DataDirectory dataDirectory;
  private final HttpServer http;
  /** Storage and background work to close after the port, most recently opened first. */
  private final Deque<AutoCloseable> resources;
  private final FacesModule faces;
  private boolean closed;

  private ArgusServer(DataDirectory dataDirectory, HttpServer http, Deque<AutoCloseable> resources,
                      FacesModule faces) {
    this.dataDirectory = dataDirectory;
    this.http = http;
    this.resources = resources;
    this.faces = faces;
  }

  /** Opens the data directory and the modules, then binds the port. */
  public static ArgusServer start(ArgusConfig config) throws IOException, InterruptedException {
    DataDirectory dataDirectory = DataDirectory.open(config.dataDir());
    Deque<AutoCloseable> resources = new ArrayDeque<>();
    try {
      Clock clock = Clock.systemUTC();
      VideoStreamsModule video = VideoStreamsModule.openWithMedia(dataDirectory.subdirectory("video"), clock,
          VideoStreamsModule.DEFAULT_REGION, VideoStreamsModule.DEFAULT_ACCOUNT, StoreConfig.defaults());
      resources.push(video);
      Path streamsDir = dataDirectory.subdirectory("streams");
      DataStreamsModule streams = DataStreamsModule.open(streamsDir,
          EngineConfig.defaults().withClock(clock).withShardLimits(config.shardLimits())
              .withDirectAppendBytes(config.directAppendBytes()));
      resources.push(streams);
      logDirectAppends(config.directAppendBytes(), streamsDir);
      // Consumer-library lease tables shared by workers in other processes (ArgusLeases_20261125).
      LeaseTables leases = LeaseTables.open(dataDirectory.subdirectory("leases"));
      FacesModule faces = FacesModule.open(dataDirectory.subdirectory("faces"), clock,
          VideoStreamsModule.DEFAULT_REGION, VideoStreamsModule.DEFAULT_ACCOUNT, null,
          new StoreVideoSource(video), new EngineRecordSink(streams.engine()), config.analysisThreads());
      resources.push(faces);
      List<AwsApi> apis = List.of(new HealthApi(clock), video.api(), video.mediaApi(), streams.api(),
          new LeaseApi(leases), faces.api());
      HttpServer http = HttpServer.start(ServerConfig.defaults(config.host(), config.port()), apis);
      log.info("serving {} from {}", http.baseUrl(), dataDirectory.root());
      return new ArgusServer(dataDirectory, http, resources, faces);
    } catch (IOException | InterruptedException | RuntimeException e) {
      closeAll(resources);
      dataDirectory.close();
      throw e;
    }
  }

  public String baseUrl() {
    return http.baseUrl();
  }

  public int port() {
    return http.address().getPort();
  }

  /** The faces module (detector, embedder, collections), for in-process analysis such as {@code argus demo}. */
  public FacesModule faces() {
    return faces;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      http.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    closeAll(resources);
    try {
      dataDirectory.close();
    } catch (IOException e) {
      log.warn("could not release the data directory lock", e);
    }
    log.info("stopped");
  }

  /** Says once whether large data-stream batches skip the page cache, and why not where they cannot. */
  private static void logDirectAppends(int threshold, Path dir) throws IOException {
    if (threshold == EngineConfig.DIRECT_APPENDS_OFF) {
      log.info("data-stream appends go through the page cache (--direct-appends off)");
    } else if (!DirectIo.supportedIn(dir)) {
      log.info("data-stream appends go through the page cache: the file system of {} refuses O_DIRECT", dir);
    } else {
      log.info("data-stream appends of {} bytes or more skip the page cache (O_DIRECT)", threshold);
    }
  }

  private static void closeAll(Deque<AutoCloseable> resources) {
    while (!resources.isEmpty()) {
      AutoCloseable resource = resources.pop();
      try {
        resource.close();
      } catch (Exception e) {
        log.warn("closing {} failed", resource, e);
      }
    }
  }
}
