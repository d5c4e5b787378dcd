package dev.argus.fragmentstore.catalog;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A stream's tags, sorted by key. Invariants: at most {@link #MAX_TAGS} entries; keys are 1 to
 * 128 characters, values 0 to 256, both of letters, separators, digits and {@code _ . : / = + - @}.
 * Immutable.
 *
 * @param entries the tags; an unmodifiable sorted copy
 */
public record Tags(SortedMap<String, String> entries) {

  public static final int MAX_TAGS = 50;
  public static final int MAX_KEY_LENGTH = 128;
  public static final int MAX_VALUE_LENGTH = 256;

  public static final Tags NONE = new Tags(new TreeMap<>());

  public Tags {
    if (entries == null) {
      throw new InvalidArgumentException("Tags must not be null");
    }
    TreeMap<String, String> copy = new TreeMap<>();
    for (Map.Entry<String, String> e : entries.entrySet()) {
      copy.put(key(e.getKey()), value(e.getKey(), e.getValue()));
    }
    if (copy.size() > MAX_TAGS) {
      throw new TagLimitExceededException("a stream can have at most " + MAX_TAGS + " tags, not " + copy.size());
    }
    entries = Collections.unmodifiableSortedMap(copy);
  }

  /** Validates and copies a map from a request. */
  public static Tags of(Map<String, String> map) {
    return new Tags(new TreeMap<>(map));
  }

  /** Validates a tag key from a request (UntagStream's TagKeyList). */
  public static String key(String key) {
    return MemberRules.matching("tag key", key, 1, MAX_KEY_LENGTH, MemberRules.TAG_TEXT);
  }

  private static String value(String key, String value) {
    return MemberRules.matching("value of tag '" + key + "'", value, 0, MAX_VALUE_LENGTH, MemberRules.TAG_TEXT);
  }

  /** These tags with {@code more} added, replacing values of keys already present. */
  public Tags plus(Tags more) {
    TreeMap<String, String> merged = new TreeMap<>(entries);
    merged.putAll(more.entries);
    if (merged.size() > MAX_TAGS) {
      throw new TagLimitExceededException("the stream has " + entries.size() + " tags; adding these would make "
          + merged.size() + ", more than " + MAX_TAGS);
    }
    return new Tags(merged);
  }

  /** These tags without the given keys; absent keys are ignored, as in AWS. */
  public Tags minus(Collection<String> keys) {
    TreeMap<String, String> left = new TreeMap<>(entries);
    left.keySet().removeAll(keys);
    return new Tags(left);
  }

  public int size() {
    return entries.size();
  }
}
