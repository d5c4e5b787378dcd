package dev.argus.parser.write;

import dev.argus.parser.ebml.Vint;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A growable big-endian buffer that encodes EBML elements. Masters are written by encoding their
 * children into a second buffer first ({@link #master}). Not thread-safe.
 */
final class ElementBuffer {

  private ByteBuffer buffer = ByteBuffer.allocate(256);

  ByteBuffer flipped() {
    return buffer.duplicate().flip();
  }

  int length() {
    return buffer.position();
  }

  void clear() {
    buffer.clear();
  }

  private void ensure(int extra) {
    if (buffer.remaining() < extra) {
      ByteBuffer bigger = ByteBuffer.allocate(Math.max(buffer.capacity() * 2, buffer.position() + extra));
      bigger.put(buffer.flip());
      buffer = bigger;
    }
  }

  /** An element header: ID and a minimal-length data size. */
  ElementBuffer header(int id, long size) {
    ensure(12);
    Vint.putId(buffer, id);
    Vint.putSize(buffer, size, Vint.sizeLength(size));
    return this;
  }

  /** An element header with the reserved unknown size (8 bytes, as KVS producers write it). */
  ElementBuffer unknownSizeHeader(int id) {
    ensure(12);
    Vint.putId(buffer, id);
    Vint.putUnknownSize(buffer, Vint.MAX_SIZE_LENGTH);
    return this;
  }

  ElementBuffer uint(int id, long value) {
    int length = 1;
    while (length < 8 && (value >>> (8 * length)) != 0) {
      length++;
    }
    header(id, length);
    for (int i = length - 1; i >= 0; i--) {
      buffer.put((byte) (value >>> (8 * i)));
    }
    return this;
  }

  ElementBuffer floating(int id, double value) {
    header(id, 8);
    buffer.putDouble(value);
    return this;
  }

  ElementBuffer string(int id, String value) {
    return binary(id, value.getBytes(StandardCharsets.UTF_8));
  }

  ElementBuffer binary(int id, byte[] value) {
    header(id, value.length);
    ensure(value.length);
    buffer.put(value);
    return this;
  }

  ElementBuffer bytes(ByteBuffer value) {
    ensure(value.remaining());
    buffer.put(value.duplicate());
    return this;
  }

  ElementBuffer master(int id, ElementBuffer children) {
    header(id, children.length());
    return bytes(children.flipped());
  }
}
