package dev.argus.app.bench;

import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Records the Content-Type of every request an SDK client sends, as marshalled: the proof of which
 * protocol (awsJson1.1 or CBOR) a bench column really used, since the SDK picks it from a system
 * property rather than from anything the bench passes. Thread-safe.
 */
final class ContentTypes implements ExecutionInterceptor {

  private final Set<String> seen = new TreeSet<>();

  @Override
  public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
    String type = context.httpRequest().firstMatchingHeader("Content-Type").orElse("(none)");
    synchronized (seen) {
      seen.add(type);
    }
  }

  /** The distinct Content-Types sent so far, sorted, comma-separated. */
  String seen() {
    synchronized (seen) {
      return String.join(", ", seen);
    }
  }
}
