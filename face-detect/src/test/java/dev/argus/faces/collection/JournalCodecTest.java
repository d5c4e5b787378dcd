package dev.argus.faces.collection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class JournalCodecTest {

  private static final int DIM = 5;

  @Test
  void addsRoundTrip() throws Exception {
    Random random = new Random(3);
    List<FaceRecord> faces = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      faces.add(Faces.face(random, DIM));
    }
    JournalCodec.Change change = JournalCodec.decode(JournalCodec.encodeAdd(faces), DIM);
    List<FaceRecord> decoded = ((JournalCodec.Added) change).faces();
    assertThat(decoded).hasSize(4);
    for (int i = 0; i < 4; i++) {
      FaceRecord a = faces.get(i);
      FaceRecord b = decoded.get(i);
      assertThat(b.faceId()).isEqualTo(a.faceId());
      assertThat(b.imageId()).isEqualTo(a.imageId());
      assertThat(b.externalImageId()).isEqualTo(a.externalImageId());
      assertThat(b.boundingBox()).isEqualTo(a.boundingBox());
      assertThat(b.confidence()).isEqualTo(a.confidence());
      assertThat(b.embedding()).containsExactly(a.embedding());
    }
  }

  @Test
  void deletesRoundTrip() throws Exception {
    List<UUID> ids = List.of(UUID.randomUUID(), UUID.randomUUID());
    JournalCodec.Change change = JournalCodec.decode(JournalCodec.encodeDelete(ids), DIM);
    assertThat(((JournalCodec.Deleted) change).faceIds()).isEqualTo(ids);
  }

  @Test
  void aWrongDimensionIsRefused() {
    ByteBuffer entry = JournalCodec.encodeAdd(List.of(Faces.face(new Random(1), DIM)));
    assertThatThrownBy(() -> JournalCodec.decode(entry, DIM + 1)).isInstanceOf(JournalCodec.DecodeException.class);
  }

  @Test
  void everyTruncationAndRandomGarbageIsRefusedCleanly() {
    byte[] whole = JournalCodec.encodeAdd(List.of(Faces.face(new Random(2), DIM), Faces.face(new Random(4), DIM)))
        .array();
    for (int cut = 0; cut < whole.length; cut++) {
      ByteBuffer part = ByteBuffer.wrap(whole, 0, cut).slice();
      assertThatThrownBy(() -> JournalCodec.decode(part, DIM)).isInstanceOf(JournalCodec.DecodeException.class);
    }
    Random random = new Random(9);
    for (int i = 0; i < 500; i++) {
      byte[] garbage = new byte[random.nextInt(200)];
      random.nextBytes(garbage);
      try {
        JournalCodec.decode(ByteBuffer.wrap(garbage), DIM);
      } catch (JournalCodec.DecodeException expected) {
        assertThat(expected.getMessage()).isNotBlank();
      }
    }
  }
}
