package dev.argus.datastream.aggregation;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One record as its producer wrote it: a partition key, an optional explicit hash key and the data.
 *
 * <p>Invariants: the partition key is 1..256 characters (Kinesis' limit); the explicit hash key,
 * when present, is a decimal integer in 0..2^128-1. The data array is owned by the record; callers
 * must not mutate it after construction.
 *
 * @param partitionKey the partition key
 * @param explicitHashKey the explicit hash key, or {@code null} when the partition key's MD5 routes it
 * @param data the payload
 */
public record UserRecord(String partitionKey, String explicitHashKey, byte[] data) {

  /** Kinesis' maximum partition key length, in characters. */
  public static final int MAX_PARTITION_KEY_LENGTH = 256;
  static final BigInteger MAX_HASH_KEY = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

  public UserRecord {
    Objects.requireNonNull(partitionKey, "partitionKey");
    Objects.requireNonNull(data, "data");
    if (partitionKey.isEmpty() || partitionKey.length() > MAX_PARTITION_KEY_LENGTH) {
      throw new IllegalArgumentException("partition key must be 1.." + MAX_PARTITION_KEY_LENGTH
          + " characters, was " + partitionKey.length());
    }
    if (explicitHashKey != null) {
      checkHashKey(explicitHashKey);
    }
  }

  /** A record routed by its partition key alone. */
  public static UserRecord of(String partitionKey, byte[] data) {
    return new UserRecord(partitionKey, null, data);
  }

  /**
   * The hash key Kinesis routes this record by: the explicit hash key when present, otherwise
   * MD5 of the partition key's UTF-8 bytes read as an unsigned 128-bit integer.
   */
  public BigInteger effectiveHashKey() {
    return explicitHashKey != null ? new BigInteger(explicitHashKey) : hashOf(partitionKey);
  }

  static BigInteger hashOf(String partitionKey) {
    return new BigInteger(1, Md5.digest(partitionKey.getBytes(StandardCharsets.UTF_8)));
  }

  static void checkHashKey(String hashKey) {
    BigInteger value;
    try {
      value = new BigInteger(hashKey);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("explicit hash key is not a decimal integer: " + hashKey, e);
    }
    if (value.signum() < 0 || value.compareTo(MAX_HASH_KEY) > 0) {
      throw new IllegalArgumentException("explicit hash key is outside 0..2^128-1: " + hashKey);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof UserRecord other
        && partitionKey.equals(other.partitionKey)
        && Objects.equals(explicitHashKey, other.explicitHashKey)
        && Arrays.equals(data, other.data);
  }

  @Override
  public int hashCode() {
    return Objects.hash(partitionKey, explicitHashKey, Arrays.hashCode(data));
  }

  @Override
  public String toString() {
    return "UserRecord[partitionKey=" + partitionKey + ", explicitHashKey=" + explicitHashKey
        + ", data=" + data.length + " bytes]";
  }
}
