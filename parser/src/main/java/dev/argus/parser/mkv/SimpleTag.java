package dev.argus.parser.mkv;

import java.util.List;
import java.util.Objects;

/**
 * One SimpleTag: a name with a string value (TagString; TagBinary is kept as "" here) and any
 * nested SimpleTags.
 */
public record SimpleTag(String name, String value, List<SimpleTag> children) {

  public SimpleTag {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    children = List.copyOf(children);
  }

  /** A SimpleTag without children. */
  public static SimpleTag of(String name, String value) {
    return new SimpleTag(name, value, List.of());
  }
}
