package dev.argus.datastream.shard;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Hash-key arithmetic: routing a partition key to its 128-bit key (MD5, read as an unsigned
 * big-endian integer, as Kinesis does) and splitting a range into even, contiguous parts.
 * Stateless.
 */
public final class HashKeys {

  /** An explicit hash key as the API's pattern allows: a decimal without leading zeros. */
  private static final Pattern DECIMAL = Pattern.compile("0|[1-9]\\d{0,38}");

  private HashKeys() {
  }

  /** The hash key of a partition key: MD5 of its UTF-8 bytes as an unsigned 128-bit integer. */
  public static BigInteger ofPartitionKey(String partitionKey) {
    return new BigInteger(1, MD5.get().digest(partitionKey.getBytes(StandardCharsets.UTF_8)));
  }

  /** One MD5 per thread: getInstance looks the provider up on every call (digest() resets it). */
  private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has MD5", e);
    }
  });

  /** True when {@code text} matches the API's pattern for a hash key (it may still exceed 2^128-1). */
  public static boolean isDecimal(String text) {
    return DECIMAL.matcher(text).matches();
  }

  /**
   * Splits {@code range} into {@code parts} contiguous ranges of sizes differing by at most one key:
   * part {@code i} starts at {@code start + size * i / parts}. Requires {@code 1 <= parts <= size}.
   */
  public static List<HashKeyRange> split(HashKeyRange range, int parts) {
    BigInteger size = range.size();
    if (parts < 1 || BigInteger.valueOf(parts).compareTo(size) > 0) {
      throw new IllegalArgumentException("cannot split " + size + " keys into " + parts + " parts");
    }
    BigInteger n = BigInteger.valueOf(parts);
    List<HashKeyRange> out = new ArrayList<>(parts);
    for (int i = 0; i < parts; i++) {
      BigInteger from = range.start().add(size.multiply(BigInteger.valueOf(i)).divide(n));
      BigInteger to = range.start().add(size.multiply(BigInteger.valueOf(i + 1L)).divide(n)).subtract(BigInteger.ONE);
      out.add(new HashKeyRange(from, to));
    }
    return List.copyOf(out);
  }

  /** The first key of the upper half of {@code range}: where a split in two cuts it. */
  public static BigInteger midpoint(HashKeyRange range) {
    return split(range, 2).get(1).start();
  }
}
