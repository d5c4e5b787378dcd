package dev.argus.awshttp.server;

import java.time.Duration;
import java.util.Objects;

/**
 * How the one port is served.
 *
 * @param host                where to listen; loopback unless the operator decides otherwise
 * @param port                0 picks an ephemeral port
 * @param maxUnaryBodyBytes   largest aggregated request body; past it the request gets
 *                            {@code RequestEntityTooLargeException} (413) and its body is discarded
 *                            as it arrives, never buffered. Streaming operations have no such
 *                            limit: their bodies are never aggregated.
 * @param workerThreads       threads that run unary operations (never the event loops)
 * @param workerQueue         unary operations that may wait for a worker; past it requests get
 *                            {@code ServiceUnavailableException} (503)
 * @param shutdownGrace       how long {@link HttpServer#close()} waits for in-flight unary requests
 */
public record ServerConfig(String host, int port, int maxUnaryBodyBytes, int workerThreads, int workerQueue,
    Duration shutdownGrace) {

  /** 16 MiB: a 5 MiB PutRecords or a 5 MB Rekognition image, base64-encoded, fits with room to spare. */
  public static final int DEFAULT_MAX_UNARY_BODY_BYTES = 16 * 1024 * 1024;
  public static final int DEFAULT_WORKER_QUEUE = 4096;
  public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(10);

  public ServerConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(shutdownGrace, "shutdownGrace");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    if (maxUnaryBodyBytes <= 0 || workerThreads <= 0 || workerQueue <= 0) {
      throw new IllegalArgumentException("limits must be positive");
    }
  }

  /** Defaults for a host and port: 16 MiB bodies, 4 workers per core (at least 8). */
  public static ServerConfig defaults(String host, int port) {
    int workers = Math.max(8, 4 * Runtime.getRuntime().availableProcessors());
    return new ServerConfig(host, port, DEFAULT_MAX_UNARY_BODY_BYTES, workers, DEFAULT_WORKER_QUEUE,
        DEFAULT_SHUTDOWN_GRACE);
  }
}
