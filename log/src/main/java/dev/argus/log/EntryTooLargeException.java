package dev.argus.log;

/**
 * An append whose payload is longer than {@link LogConfig#maxEntryBytes()} (by default
 * {@link LogConfig#DEFAULT_MAX_ENTRY_BYTES}). Nothing was written.
 */
public final class EntryTooLargeException extends LogException {
  private final int size;
  private final int max;

  public EntryTooLargeException(int size, int max) {
    super("entry payload of " + size + " bytes exceeds the maximum of " + max);
    this.size = size;
    this.max = max;
  }

  public int size() {
    return size;
  }

  public int max() {
    return max;
  }
}
