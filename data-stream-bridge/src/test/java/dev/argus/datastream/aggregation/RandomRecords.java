package dev.argus.datastream.aggregation;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Seeded random user records for the aggregation tests: mixed keys, repeats, sizes and scripts. */
final class RandomRecords {

  private static final String ALPHABET = "abcXYZ019-_é漢😀";

  private RandomRecords() {}

  static List<UserRecord> generate(Random random, int count, int maxDataBytes) {
    List<String> keyPool = new ArrayList<>();
    for (int i = 0; i < 1 + random.nextInt(8); i++) {
      keyPool.add(key(random));
    }
    List<UserRecord> records = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String key = random.nextInt(4) == 0 ? key(random) : keyPool.get(random.nextInt(keyPool.size()));
      String hashKey = random.nextInt(3) == 0 ? hashKey(random) : null;
      byte[] data = new byte[random.nextInt(maxDataBytes + 1)];
      random.nextBytes(data);
      records.add(new UserRecord(key, hashKey, data));
    }
    return records;
  }

  static String key(Random random) {
    StringBuilder key = new StringBuilder();
    int length = 1 + random.nextInt(random.nextInt(10) == 0 ? 200 : 12);
    while (key.length() < length) {
      key.appendCodePoint(ALPHABET.codePointAt(ALPHABET.offsetByCodePoints(0, random.nextInt(
          ALPHABET.codePointCount(0, ALPHABET.length())))));
    }
    return key.length() > UserRecord.MAX_PARTITION_KEY_LENGTH ? key.substring(0, length) : key.toString();
  }

  static String hashKey(Random random) {
    return new BigInteger(random.nextInt(4) == 0 ? 1 + random.nextInt(16) : 128, random).toString();
  }
}
