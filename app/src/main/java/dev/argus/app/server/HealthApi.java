package dev.argus.app.server;

import dev.argus.app.Version;
import dev.argus.awshttp.api.AwsApi;
import dev.argus.awshttp.api.AwsResponse;
import dev.argus.awshttp.api.Operation;
import dev.argus.awshttp.api.RequestHead;
import dev.argus.awshttp.api.UnaryOperation;
import io.netty.handler.codec.http.HttpMethod;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * {@code GET /health}: 200 and {@code {"status":"ok","version":...,"uptimeSeconds":...}} while the
 * server is serving. Thread-safe.
 */
final class HealthApi implements AwsApi {

  static final String PATH = "/health";

  private final Clock clock;
  private final Instant started;

  HealthApi(Clock clock) {
    this.clock = clock;
    this.started = clock.instant();
  }

  @Override
  public Optional<Operation> resolve(RequestHead head) {
    if (!PATH.equals(head.path()) || !(HttpMethod.GET.equals(head.method()) || HttpMethod.HEAD.equals(head.method()))) {
      return Optional.empty();
    }
    UnaryOperation health = request -> {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("status", "ok");
      body.put("version", Version.current());
      body.put("uptimeSeconds", Duration.between(started, clock.instant()).toSeconds());
      return CompletableFuture.completedFuture(AwsResponse.ok(body));
    };
    return Optional.of(health);
  }
}
