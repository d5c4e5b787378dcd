package dev.argus.datastream.aggregation;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** MD5, which every JDK provides; a fresh digest per call, so thread-safe. */
final class Md5 {

  static final int LENGTH = 16;

  private Md5() {}

  static byte[] digest(byte[] bytes) {
    return digest(bytes, 0, bytes.length);
  }

  static byte[] digest(byte[] bytes, int offset, int length) {
    try {
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      md5.update(bytes, offset, length);
      return md5.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK guarantees MD5", e);
    }
  }
}
