package dev.argus.faces.collection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaceCollectionsTest {

  private static final int DIM = 6;
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:00:00.123Z"), ZoneOffset.UTC);

  @TempDir
  Path dir;

  private FaceCollections open() throws Exception {
    return FaceCollections.open(dir, CLOCK, "us-east-1", "000000000000", 50);
  }

  @Test
  void createsDescribesListsAndDeletes() throws Exception {
    try (FaceCollections all = open()) {
      CollectionInfo info = all.create("family", "m1", DIM);
      assertThat(info.arn()).isEqualTo("aws:rekognition:us-east-1:000000000000:collection/family");
      assertThat(info.createdAt()).isEqualTo(CLOCK.instant());
      all.create("a.b-c_d", "m1", DIM);
      all.create(".", "m1", DIM);
      assertThatThrownBy(() -> all.create("family", "m1", DIM)).isInstanceOf(CollectionAlreadyExistsException.class);
      assertThatThrownBy(() -> all.create("bad/id", "m1", DIM)).isInstanceOf(InvalidCollectionRequestException.class);
      assertThat(all.list(null, 10)).extracting(CollectionInfo::collectionId).containsExactly(".", "a.b-c_d", "family");
      assertThat(all.list(".", 1)).extracting(CollectionInfo::collectionId).containsExactly("a.b-c_d");
      all.delete("a.b-c_d");
      assertThatThrownBy(() -> all.get("a.b-c_d")).isInstanceOf(CollectionNotFoundException.class);
      assertThatThrownBy(() -> all.delete("a.b-c_d")).isInstanceOf(CollectionNotFoundException.class);
    }
    try (FaceCollections again = open()) {
      assertThat(again.list(null, 10)).extracting(CollectionInfo::collectionId).containsExactly(".", "family");
    }
  }

  @Test
  void facesSurviveAReopenWithDeletesApplied() throws Exception {
    Random random = new Random(5);
    List<FaceRecord> faces = new ArrayList<>();
    try (FaceCollections all = open()) {
      all.create("c", "m1", DIM);
      FaceCollection c = all.get("c");
      for (int batch = 0; batch < 4; batch++) {
        List<FaceRecord> some = List.of(Faces.face(random, DIM), Faces.face(random, DIM), Faces.face(random, DIM));
        c.add(some);
        faces.addAll(some);
      }
      UUID unknown = UUID.randomUUID();
      assertThat(c.delete(List.of(faces.get(0).faceId(), faces.get(5).faceId(), unknown)))
          .containsExactly(faces.get(0).faceId(), faces.get(5).faceId());
      assertThat(c.info().faceCount()).isEqualTo(10);
    }
    try (FaceCollections again = open()) {
      FaceCollection c = again.get("c");
      assertThat(c.info().faceCount()).isEqualTo(10);
      assertThat(c.get(faces.get(0).faceId())).isNull();
      FaceRecord kept = c.get(faces.get(7).faceId());
      assertThat(kept.embedding()).containsExactly(faces.get(7).embedding());
      assertThat(kept.externalImageId()).isEqualTo(faces.get(7).externalImageId());
      List<FaceMatch> best = c.search(faces.get(7).embedding(), 0.99, 1, null);
      assertThat(best).extracting(m -> m.face().faceId()).containsExactly(faces.get(7).faceId());
    }
  }

  @Test
  void listsFacesInPagesByFaceId() throws Exception {
    Random random = new Random(8);
    try (FaceCollections all = open()) {
      all.create("c", "m1", DIM);
      FaceCollection c = all.get("c");
      for (int i = 0; i < 7; i++) {
        c.add(List.of(Faces.face(random, DIM)));
      }
      List<String> seen = new ArrayList<>();
      String after = null;
      while (true) {
        List<FaceRecord> page = c.list(after, 3);
        page.forEach(f -> seen.add(f.faceId().toString()));
        if (page.size() < 3) {
          break;
        }
        after = page.get(page.size() - 1).faceId().toString();
      }
      assertThat(seen).hasSize(7).isSorted().doesNotHaveDuplicates();
    }
  }

  @Test
  void enforcesTheFaceLimitAndTheDimension() throws Exception {
    Random random = new Random(1);
    try (FaceCollections all = open()) {
      all.create("c", "m1", DIM);
      FaceCollection c = all.get("c");
      List<FaceRecord> many = new ArrayList<>();
      for (int i = 0; i < 51; i++) {
        many.add(Faces.face(random, DIM));
      }
      assertThatThrownBy(() -> c.add(many)).isInstanceOf(CollectionFullException.class);
      assertThat(c.info().faceCount()).isZero();
      assertThatThrownBy(() -> c.add(List.of(Faces.face(random, DIM + 1))))
          .isInstanceOf(InvalidCollectionRequestException.class);
    }
  }

  @Test
  void aTornLastJournalEntryLosesOnlyThatBatch() throws Exception {
    Random random = new Random(11);
    List<FaceRecord> first = List.of(Faces.face(random, DIM), Faces.face(random, DIM));
    List<FaceRecord> second = List.of(Faces.face(random, DIM));
    try (FaceCollections all = open()) {
      all.create("c", "m1", DIM);
      all.get("c").add(first);
      all.get("c").add(second);
    }
    // A crash in the middle of writing the second batch: its tail never reached the disk.
    Path segment = dir.resolve("c-c/journal/00000000000000000000.log");
    long size = Files.size(segment);
    try (var channel = java.nio.channels.FileChannel.open(segment, java.nio.file.StandardOpenOption.WRITE)) {
      channel.truncate(size - 7);
    }
    try (FaceCollections again = open()) {
      FaceCollection c = again.get("c");
      assertThat(c.info().faceCount()).isEqualTo(2);
      assertThat(c.get(first.get(1).faceId())).isNotNull();
      assertThat(c.get(second.get(0).faceId())).isNull();
      c.add(second); // the journal takes appends again after recovery
    }
    try (FaceCollections third = open()) {
      assertThat(third.get("c").info().faceCount()).isEqualTo(3);
    }
  }

  @Test
  void leftoversOfInterruptedCreatesAndDeletesAreRemoved() throws Exception {
    Files.createDirectories(dir.resolve("tmp-half"));
    Files.createDirectories(dir.resolve("del-gone/journal"));
    Files.writeString(dir.resolve("del-gone/journal/x"), "x");
    try (FaceCollections all = open()) {
      assertThat(all.list(null, 10)).isEmpty();
    }
    assertThat(dir.resolve("tmp-half")).doesNotExist();
    assertThat(dir.resolve("del-gone")).doesNotExist();
  }
}
