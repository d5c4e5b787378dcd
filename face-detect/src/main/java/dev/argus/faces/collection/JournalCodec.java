package dev.argus.faces.collection;

import dev.argus.faces.detect.BoundingBox;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The payload of one journal entry: a batch of changes to one collection, applied together
 * (pure). All integers big-endian.
 *
 * <pre>
 * byte   kind            1 = ADD, 2 = DELETE
 * int32  count
 * ADD, count times:
 *   int64 int64  faceId (most, least significant bits)
 *   int64 int64  imageId
 *   int16        externalImageId length in UTF-8 bytes, -1 for none; then the bytes
 *   float32 × 4  box width, height, left, top
 *   float32      confidence
 *   int32        embedding dimension d; then float32 × d
 * DELETE, count times:
 *   int64 int64  faceId
 * </pre>
 */
final class JournalCodec {

  static final byte ADD = 1;
  static final byte DELETE = 2;

  /** A decoded entry. */
  sealed interface Change permits Added, Deleted {
  }

  record Added(List<FaceRecord> faces) implements Change {
  }

  record Deleted(List<UUID> faceIds) implements Change {
  }

  /** The payload cannot be decoded. */
  static final class DecodeException extends Exception {
    private static final long serialVersionUID = 1L;

    DecodeException(String message) {
      super(message);
    }
  }

  private JournalCodec() {
  }

  static ByteBuffer encodeAdd(List<FaceRecord> faces) {
    int size = 5;
    List<byte[]> names = new ArrayList<>(faces.size());
    for (FaceRecord face : faces) {
      byte[] name = face.externalImageId() == null ? null : face.externalImageId().getBytes(StandardCharsets.UTF_8);
      names.add(name);
      size += 32 + 2 + (name == null ? 0 : name.length) + 20 + 4 + 4 * face.embedding().length;
    }
    ByteBuffer out = ByteBuffer.allocate(size).put(ADD).putInt(faces.size());
    for (int i = 0; i < faces.size(); i++) {
      FaceRecord face = faces.get(i);
      putUuid(out, face.faceId());
      putUuid(out, face.imageId());
      byte[] name = names.get(i);
      out.putShort((short) (name == null ? -1 : name.length));
      if (name != null) {
        out.put(name);
      }
      BoundingBox box = face.boundingBox();
      out.putFloat(box.width()).putFloat(box.height()).putFloat(box.left()).putFloat(box.top());
      out.putFloat(face.confidence()).putInt(face.embedding().length);
      for (float v : face.embedding()) {
        out.putFloat(v);
      }
    }
    return out.flip();
  }

  static ByteBuffer encodeDelete(List<UUID> faceIds) {
    ByteBuffer out = ByteBuffer.allocate(5 + 16 * faceIds.size()).put(DELETE).putInt(faceIds.size());
    faceIds.forEach(id -> putUuid(out, id));
    return out.flip();
  }

  static Change decode(ByteBuffer in, int dimension) throws DecodeException {
    try {
      byte kind = in.get();
      int count = in.getInt();
      if (count < 0 || count > in.remaining() / 16) {
        throw new DecodeException("bad count " + count);
      }
      Change change = switch (kind) {
        case ADD -> decodeAdd(in, count, dimension);
        case DELETE -> {
          List<UUID> ids = new ArrayList<>(count);
          for (int i = 0; i < count; i++) {
            ids.add(getUuid(in));
          }
          yield new Deleted(ids);
        }
        default -> throw new DecodeException("unknown entry kind " + kind);
      };
      if (in.hasRemaining()) {
        throw new DecodeException(in.remaining() + " trailing bytes");
      }
      return change;
    } catch (BufferUnderflowException | IllegalArgumentException e) {
      throw new DecodeException("malformed entry: " + e);
    }
  }

  private static Added decodeAdd(ByteBuffer in, int count, int dimension) throws DecodeException {
    List<FaceRecord> faces = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      UUID faceId = getUuid(in);
      UUID imageId = getUuid(in);
      short nameLength = in.getShort();
      String name = null;
      if (nameLength >= 0) {
        byte[] bytes = new byte[nameLength];
        in.get(bytes);
        name = new String(bytes, StandardCharsets.UTF_8);
      }
      BoundingBox box = new BoundingBox(in.getFloat(), in.getFloat(), in.getFloat(), in.getFloat());
      float confidence = in.getFloat();
      int d = in.getInt();
      if (d != dimension) {
        throw new DecodeException("embedding has " + d + " floats, the collection " + dimension);
      }
      float[] embedding = new float[d];
      in.asFloatBuffer().get(embedding);
      in.position(in.position() + 4 * d);
      faces.add(new FaceRecord(faceId, imageId, name, box, confidence, embedding));
    }
    return new Added(faces);
  }

  private static void putUuid(ByteBuffer out, UUID id) {
    out.putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
  }

  private static UUID getUuid(ByteBuffer in) {
    return new UUID(in.getLong(), in.getLong());
  }
}
