package dev.argus.producer.upload;

import dev.argus.producer.buffer.BufferLimits;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link StreamUploader} uploads.
 *
 * @param target endpoint and stream
 * @param policy reconnect, staleness and rotation rules
 * @param buffer content buffer bounds
 * @param connectTimeout TCP connect timeout
 * @param maxLatency buffered span beyond which {@link UploadListener#onLatencyPressure} fires
 */
public record UploadConfig(PutMediaTarget target, ReconnectPolicy policy, BufferLimits buffer,
    Duration connectTimeout, Duration maxLatency) {

  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  /** Latency pressure is reported once 30 s of video wait in the buffer. */
  public static final Duration DEFAULT_MAX_LATENCY = Duration.ofSeconds(30);

  public UploadConfig {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(buffer, "buffer");
    if (connectTimeout.isNegative() || connectTimeout.isZero() || maxLatency.isNegative()) {
      throw new IllegalArgumentException("timeouts must be positive");
    }
  }

  public static UploadConfig defaults(PutMediaTarget target) {
    return new UploadConfig(target, ReconnectPolicy.defaults(), BufferLimits.defaults(), DEFAULT_CONNECT_TIMEOUT,
        DEFAULT_MAX_LATENCY);
  }

  public UploadConfig withPolicy(ReconnectPolicy value) {
    return new UploadConfig(target, value, buffer, connectTimeout, maxLatency);
  }

  public UploadConfig withBuffer(BufferLimits value) {
    return new UploadConfig(target, policy, value, connectTimeout, maxLatency);
  }
}
