package dev.argus.datastream.shard;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A shard's id within its stream: {@code shardId-} and a 12-digit, zero-padded index. Indexes are
 * dense from 0 in creation order and never reused within a stream.
 *
 * @param index the shard's creation index, {@code 0 <= index <= MAX_INDEX}
 */
public record ShardId(int index) implements Comparable<ShardId> {

  /** Indexes fit the sequence-number layout's 10 digits. */
  public static final int MAX_INDEX = Integer.MAX_VALUE;
  private static final String PREFIX = "shardId-";
  private static final Pattern FORMAT = Pattern.compile("shardId-(\\d{12})");

  public ShardId {
    if (index < 0) {
      throw new IllegalArgumentException("shard index must be >= 0: " + index);
    }
  }

  /** Parses {@code shardId-000000000007}; empty for anything else, a bare index included. */
  public static java.util.Optional<ShardId> parse(String text) {
    Matcher m = FORMAT.matcher(text == null ? "" : text);
    if (!m.matches()) {
      return java.util.Optional.empty();
    }
    long index = Long.parseLong(m.group(1));
    return index > MAX_INDEX ? java.util.Optional.empty() : java.util.Optional.of(new ShardId((int) index));
  }

  @Override
  public String toString() {
    char[] text = new char[PREFIX.length() + 12];
    PREFIX.getChars(0, PREFIX.length(), text, 0);
    zeroPadded(text, PREFIX.length(), 12, index);
    return new String(text);
  }

  /**
   * Writes {@code value >= 0} as {@code width} decimal digits, zero-padded, at {@code at}; the put
   * path formats two ids per record, and {@code String.format} was a visible share of its cost.
   */
  static void zeroPadded(char[] into, int at, int width, long value) {
    long rest = value;
    for (int i = at + width - 1; i >= at; i--) {
      into[i] = (char) ('0' + rest % 10);
      rest /= 10;
    }
    if (rest != 0) {
      throw new IllegalArgumentException(value + " has more than " + width + " digits");
    }
  }

  @Override
  public int compareTo(ShardId other) {
    return Integer.compare(index, other.index);
  }
}
