package dev.argus.datastream.engine;

/**
 * Tells when an ON_DEMAND shard stays over its write limit: throttled writes in {@value
 * #HOT_SECONDS} consecutive seconds make it hot, once; it is then split and closed.
 *
 * <p>Thread-safe (synchronized); called from writers under their shard's lock.
 */
final class HotShardDetector {

  static final int HOT_SECONDS = 2;
  /** The last second with a throttled write, or -1. */
  private long lastSecond = -1;
  private int run;
  private boolean reported;

  /** Records a throttled write at {@code nowMillis}; true exactly once, when the shard turns hot. */
  synchronized boolean throttled(long nowMillis) {
    long second = Math.floorDiv(nowMillis, 1000);
    if (second == lastSecond) {
      return false;
    }
    run = second == lastSecond + 1 ? run + 1 : 1;
    lastSecond = second;
    if (run >= HOT_SECONDS && !reported) {
      reported = true;
      return true;
    }
    return false;
  }
}
