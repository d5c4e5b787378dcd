package dev.argus.awshttp.server;

import java.security.SecureRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Request ids in UUID form: a random 128-bit base drawn once per server, plus a counter. Unique
 * within a server's life and unguessable across servers, without {@link UUID#randomUUID()}'s
 * {@link SecureRandom} draw (a lock and often a read of {@code /dev/urandom}) on every request.
 *
 * <p>Thread-safe.
 */
final class RequestIds {

  private final long high;
  private final long lowBase;
  private final AtomicLong counter = new AtomicLong();

  RequestIds(long high, long lowBase) {
    this.high = high;
    this.lowBase = lowBase;
  }

  /** Ids whose base comes from a fresh {@link SecureRandom}. */
  static RequestIds random() {
    SecureRandom random = new SecureRandom();
    return new RequestIds(random.nextLong(), random.nextLong());
  }

  /** The next id; no two calls on one instance return the same one (until 2^64 calls). */
  String next() {
    return new UUID(high, lowBase + counter.getAndIncrement()).toString();
  }
}
