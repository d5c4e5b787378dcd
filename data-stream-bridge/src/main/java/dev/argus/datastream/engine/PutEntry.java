package dev.argus.datastream.engine;

import java.util.Objects;

/**
 * One record to put. Limits are checked by the engine, so a caller gets the typed exception.
 *
 * @param partitionKey    1..256 characters; routes the record by its MD5 unless an explicit key is given
 * @param data            the record's bytes; with the key's UTF-8 bytes at most 1 MiB
 * @param explicitHashKey a decimal hash key that overrides the partition key's, or null
 */
public record PutEntry(String partitionKey, byte[] data, String explicitHashKey) {
  public PutEntry {
    Objects.requireNonNull(partitionKey, "partitionKey");
    Objects.requireNonNull(data, "data");
  }

  public static PutEntry of(String partitionKey, byte[] data) {
    return new PutEntry(partitionKey, data, null);
  }
}
