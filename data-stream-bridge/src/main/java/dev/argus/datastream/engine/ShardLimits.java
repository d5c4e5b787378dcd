package dev.argus.datastream.engine;

/**
 * One shard's provisioned budget: writes 1 MiB/s or 1,000 records/s; reads 2 MiB/s and 5
 * GetRecords calls/s. Each bucket holds one second's worth. A GetRecords call needs a call token
 * and a non-negative byte balance; its bytes are charged after the read, so one large read can
 * push the balance negative and later calls wait until it refills, as in Kinesis.
 *
 * <p>Not thread-safe by itself: writes are checked under the shard's write lock, reads under a lock
 * on this object ({@link #tryRead}, {@link #chargeRead} are synchronized).
 */
final class ShardLimits {

  static final int WRITE_BYTES_PER_SECOND = 1 << 20;
  static final int WRITE_RECORDS_PER_SECOND = 1000;
  static final int READ_BYTES_PER_SECOND = 2 << 20;
  static final int READ_CALLS_PER_SECOND = 5;

  private final TokenBucket writeBytes;
  private final TokenBucket writeRecords;
  private final TokenBucket readBytes;
  private final TokenBucket readCalls;

  ShardLimits(long nowMillis) {
    writeBytes = new TokenBucket(WRITE_BYTES_PER_SECOND, WRITE_BYTES_PER_SECOND, nowMillis);
    writeRecords = new TokenBucket(WRITE_RECORDS_PER_SECOND, WRITE_RECORDS_PER_SECOND, nowMillis);
    readBytes = new TokenBucket(READ_BYTES_PER_SECOND, READ_BYTES_PER_SECOND, nowMillis);
    readCalls = new TokenBucket(READ_CALLS_PER_SECOND, READ_CALLS_PER_SECOND, nowMillis);
  }

  /** Takes one record of {@code bytes} from the write budget, or returns false and takes nothing. */
  boolean tryWrite(long nowMillis, int bytes) {
    if (!writeBytes.has(nowMillis, bytes) || !writeRecords.has(nowMillis, 1)) {
      return false;
    }
    writeBytes.tryTake(nowMillis, bytes);
    writeRecords.tryTake(nowMillis, 1);
    return true;
  }

  /** Takes one call from the read budget if calls remain and the byte balance is not in debt. */
  synchronized boolean tryRead(long nowMillis) {
    return readBytes.has(nowMillis, 0) && readCalls.tryTake(nowMillis, 1);
  }

  synchronized void chargeRead(long nowMillis, long bytes) {
    readBytes.charge(nowMillis, bytes);
  }
}
