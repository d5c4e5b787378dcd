package dev.argus.app.server;

import dev.argus.datastream.engine.EngineConfig;
import dev.argus.faces.stream.AnalysisPool;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What one Argus process serves and where it keeps its data.
 *
 * @param host    listen address; must be loopback, since request signatures are not yet checked
 *                and the design forbids serving beyond loopback without them
 * @param port    listen port; 0 picks a free one
 * @param dataDir the data directory, created when missing and locked while the server runs
 * @param shardLimits whether data-stream shards enforce Kinesis' per-shard throughput limits
 * @param analysisThreads threads of the analysis pool every stream processor shares, at least 1
 * @param directAppendBytes data-stream appends of at least this many bytes skip the page cache
 *                (O_DIRECT, where the file system allows it); {@link EngineConfig#DIRECT_APPENDS_OFF}
 *                for none
 */
public record ArgusConfig(String host, int port, Path dataDir, boolean shardLimits, int analysisThreads,
                          int directAppendBytes) {

  /** A config with shard limits on, as in Kinesis. */
  public ArgusConfig(String host, int port, Path dataDir) {
    this(host, port, dataDir, true);
  }

  /** A config with one analysis thread per core and the engine's direct-append threshold. */
  public ArgusConfig(String host, int port, Path dataDir, boolean shardLimits) {
    this(host, port, dataDir, shardLimits, AnalysisPool.DEFAULT_THREADS, EngineConfig.DEFAULT_DIRECT_APPEND_BYTES);
  }

  public ArgusConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(dataDir, "dataDir");
    if (analysisThreads < 1) {
      throw new IllegalArgumentException("analysis threads must be at least 1, not " + analysisThreads);
    }
    if (directAppendBytes < 0) {
      throw new IllegalArgumentException("direct-append bytes must not be negative, not " + directAppendBytes);
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535, not " + port);
    }
    if (!isLoopback(host)) {
      throw new IllegalArgumentException("refusing to listen on " + host
          + ": without credentials Argus serves loopback addresses only (127.0.0.1, ::1)");
    }
  }

  private static boolean isLoopback(String host) {
    try {
      InetAddress[] addresses = InetAddress.getAllByName(host);
      for (InetAddress address : addresses) {
        if (!address.isLoopbackAddress()) {
          return false;
        }
      }
      return addresses.length > 0;
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("unknown host " + host, e);
    }
  }
}
