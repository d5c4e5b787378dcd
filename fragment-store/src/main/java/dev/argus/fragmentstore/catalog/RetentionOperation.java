package dev.argus.fragmentstore.catalog;

/** UpdateDataRetention's {@code Operation}. */
public enum RetentionOperation {
  INCREASE_DATA_RETENTION, DECREASE_DATA_RETENTION;

  /** Parses the wire value; anything else is an {@link InvalidArgumentException}. */
  public static RetentionOperation parse(String value) {
    for (RetentionOperation op : values()) {
      if (op.name().equals(value)) {
        return op;
      }
    }
    throw new InvalidArgumentException("Operation must be INCREASE_DATA_RETENTION or DECREASE_DATA_RETENTION, not "
        + value);
  }
}
