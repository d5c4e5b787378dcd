package dev.argus.datastream.engine;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Tag rules: keys of 1..128 characters, values of 0..256, at most 50 per stream. Stateless. */
final class Tags {

  static final int MAX_KEY_CHARS = 128;
  static final int MAX_VALUE_CHARS = 256;

  private Tags() {
  }

  /** Checks tags to add to {@code existing}. */
  static void check(Map<String, String> tags, Map<String, String> existing) {
    if (tags.isEmpty() && !existing.isEmpty()) {
      throw new ValidationException("Tags must not be empty");
    }
    Set<String> keys = new HashSet<>(existing.keySet());
    for (Map.Entry<String, String> tag : tags.entrySet()) {
      checkKey(tag.getKey());
      if (tag.getValue() == null || tag.getValue().length() > MAX_VALUE_CHARS) {
        throw new ValidationException("Tag value of " + tag.getKey() + " must have at most " + MAX_VALUE_CHARS + " characters");
      }
      keys.add(tag.getKey());
    }
    if (keys.size() > DataStreamEngine.MAX_TAGS) {
      throw new InvalidArgumentException("Failed to add tags: a stream cannot have more than "
          + DataStreamEngine.MAX_TAGS + " tags associated with it.");
    }
  }

  static void checkKeys(List<String> keys) {
    if (keys.isEmpty() || keys.size() > DataStreamEngine.MAX_TAGS) {
      throw new ValidationException("TagKeys must have between 1 and " + DataStreamEngine.MAX_TAGS + " members");
    }
    keys.forEach(Tags::checkKey);
  }

  private static void checkKey(String key) {
    if (key == null || key.isEmpty() || key.length() > MAX_KEY_CHARS) {
      throw new ValidationException("Tag key must have between 1 and " + MAX_KEY_CHARS + " characters: " + key);
    }
  }
}
