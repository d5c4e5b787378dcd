package dev.argus.datastream;

import dev.argus.awshttp.api.AwsApi;
import dev.argus.datastream.api.KinesisApi;
import dev.argus.datastream.engine.DataStreamEngine;
import dev.argus.datastream.engine.EngineConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Kinesis Data Streams for the app to wire: the durable engine and its wire API on the shared
 * port. Usage:
 *
 * <pre>{@code
 * try (DataStreamsModule streams = DataStreamsModule.open(dataDir.resolve("streams"),
 *         EngineConfig.defaults().withShardLimits(limitsOn))) {
 *     HttpServer server = HttpServer.start(config, List.of(streams.api(), ...));
 *     ...
 *     server.close(); // stop serving first, then close the module
 * }
 * }</pre>
 *
 * In-process producers and consumers (the face stream processor, the consumer library) use
 * {@link #engine()} directly: {@code engine().putRecords(stream, entries)} and friends.
 * Thread-safe.
 */
public final class DataStreamsModule implements AutoCloseable {

  /** Threads for SubscribeToShard exchanges: resolution and pushes. */
  static final int SUBSCRIPTION_THREADS = 2;

  private final DataStreamEngine engine;
  private final ScheduledExecutorService subscriptions;
  private final KinesisApi api;

  private DataStreamsModule(DataStreamEngine engine) {
    this.engine = engine;
    this.subscriptions = Executors.newScheduledThreadPool(SUBSCRIPTION_THREADS, r -> {
      Thread thread = new Thread(r, "argus-streams-subscriptions");
      thread.setDaemon(true);
      return thread;
    });
    this.api = new KinesisApi(engine, subscriptions);
  }

  /** Opens (or creates) the engine in {@code dir}, recovering every shard log after a crash. */
  public static DataStreamsModule open(Path dir, EngineConfig config) throws IOException {
    return new DataStreamsModule(DataStreamEngine.open(Objects.requireNonNull(dir, "dir"), config));
  }

  /** The Kinesis API, for {@code HttpServer.start(config, apis)}. */
  public AwsApi api() {
    return api;
  }

  /** The in-process engine. */
  public DataStreamEngine engine() {
    return engine;
  }

  /** Forces and closes every shard log. Close after the server has stopped taking requests. */
  @Override
  public void close() throws IOException {
    subscriptions.shutdownNow();
    engine.close();
  }
}
