package dev.argus.datastream.engine;

import dev.argus.datastream.shard.ShardId;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encodes {@link IteratorPosition}s as opaque, signed shard iterators and checks them back.
 *
 * <p>Format (version 1), then URL-safe base64 without padding:
 * <pre>
 * byte    version = 1
 * int64   stream creation millis
 * int32   shard index
 * int64   offset
 * int64   issued millis
 * uint16  stream name length, then its UTF-8 bytes
 * byte[16] HMAC-SHA256 of everything before it, truncated
 * </pre>
 * A token that does not decode, has another version or a wrong MAC is an {@link
 * InvalidArgumentException}; one issued more than {@link #LIFETIME} ago an {@link
 * ExpiredIteratorException}.
 *
 * <p>Thread-safe: each thread signs with its own {@link Mac}, made once and reused (a {@code Mac}
 * is not thread-safe, and making one per call looks up the provider every time).
 */
public final class ShardIterators {

  /** How long an iterator stays valid: five minutes, as in Kinesis. */
  public static final Duration LIFETIME = Duration.ofMinutes(5);
  static final int KEY_BYTES = 32;
  private static final byte VERSION = 1;
  private static final int MAC_BYTES = 16;

  private final SecretKeySpec key;
  private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

  ShardIterators(byte[] key) {
    if (key.length != KEY_BYTES) {
      throw new IllegalArgumentException("iterator key must be " + KEY_BYTES + " bytes");
    }
    this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
  }

  String encode(IteratorPosition position) {
    byte[] name = position.stream().getBytes(StandardCharsets.UTF_8);
    ByteBuffer buffer = ByteBuffer.allocate(1 + 8 + 4 + 8 + 8 + 2 + name.length + MAC_BYTES);
    buffer.put(VERSION).putLong(position.streamCreated()).putInt(position.shard().index())
        .putLong(position.offset()).putLong(position.issuedMillis()).putShort((short) name.length).put(name);
    buffer.put(mac(buffer.array(), buffer.position()));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer.array());
  }

  /**
   * The position an iterator stands for.
   *
   * @throws InvalidArgumentException not an iterator this server issued
   * @throws ExpiredIteratorException issued more than {@link #LIFETIME} before {@code nowMillis}
   */
  IteratorPosition decode(String iterator, long nowMillis) {
    byte[] bytes;
    try {
      bytes = Base64.getUrlDecoder().decode(iterator);
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
    if (bytes.length < 1 + 8 + 4 + 8 + 8 + 2 + MAC_BYTES || bytes[0] != VERSION) {
      throw invalid();
    }
    int signed = bytes.length - MAC_BYTES;
    if (!MessageDigest.isEqual(mac(bytes, signed), Arrays.copyOfRange(bytes, signed, bytes.length))) {
      throw invalid();
    }
    IteratorPosition position;
    try {
      ByteBuffer buffer = ByteBuffer.wrap(bytes, 1, signed - 1);
      long created = buffer.getLong();
      int shard = buffer.getInt();
      long offset = buffer.getLong();
      long issued = buffer.getLong();
      byte[] name = new byte[Short.toUnsignedInt(buffer.getShort())];
      buffer.get(name);
      if (buffer.hasRemaining()) {
        throw invalid();
      }
      position = new IteratorPosition(new String(name, StandardCharsets.UTF_8), created, new ShardId(shard), offset, issued);
    } catch (BufferUnderflowException | IllegalArgumentException e) {
      throw invalid();
    }
    if (nowMillis - position.issuedMillis() > LIFETIME.toMillis()) {
      throw new ExpiredIteratorException("Iterator expired. The iterator was created at time "
          + position.issuedMillis() + " while right now it is " + nowMillis + " which is further in the future than the tolerated delay of "
          + LIFETIME.toMillis() + " milliseconds.");
    }
    return position;
  }

  private byte[] mac(byte[] bytes, int length) {
    Mac mac = macs.get();
    mac.update(bytes, 0, length);
    return Arrays.copyOf(mac.doFinal(), MAC_BYTES); // doFinal resets the Mac for the next call
  }

  private Mac newMac() {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK has HmacSHA256", e);
    }
  }

  private static InvalidArgumentException invalid() {
    return new InvalidArgumentException("Invalid ShardIterator.");
  }
}
