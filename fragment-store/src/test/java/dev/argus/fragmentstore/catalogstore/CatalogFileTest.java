package dev.argus.fragmentstore.catalogstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.argus.fragmentstore.catalog.Catalog;
import dev.argus.fragmentstore.catalog.NewStream;
import dev.argus.fragmentstore.catalog.RetentionOperation;
import dev.argus.fragmentstore.catalog.RetentionUpdate;
import dev.argus.fragmentstore.catalog.StreamInfo;
import dev.argus.fragmentstore.catalog.StreamLifecycleListener;
import dev.argus.fragmentstore.catalog.StreamRef;
import dev.argus.fragmentstore.catalog.Tags;
import dev.argus.fragmentstore.catalog.VideoStreamCatalog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogFileTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:00:00.5Z"), ZoneOffset.UTC);

  @TempDir
  Path dir;

  private VideoStreamCatalog open(CatalogFile file) throws Exception {
    return new VideoStreamCatalog(file.load(), file, StreamLifecycleListener.NONE, CLOCK, "us-east-1",
        "000000000000");
  }

  @Test
  void missingFileIsEmptyCatalogAndDirectoryIsCreated() throws Exception {
    CatalogFile file = new CatalogFile(dir.resolve("nested/video"));
    assertThat(file.load().streams()).isEmpty();
    assertThat(Files.isDirectory(dir.resolve("nested/video"))).isTrue();
  }

  @Test
  void catalogSurvivesRestartExactly() throws Exception {
    CatalogFile file = new CatalogFile(dir);
    VideoStreamCatalog first = open(file);
    StreamInfo a = first.create(new NewStream("a", "dev", "video/h264,audio/aac", null, 0,
        Tags.of(Map.of("team", "ops", "empty", ""))));
    first.create(new NewStream("b", null, null, "arn:aws:kms:us-east-1:1:key/k", 12, null));
    first.updateRetention(new RetentionUpdate(new StreamRef.ByName("a"), a.version(),
        RetentionOperation.INCREASE_DATA_RETENTION, 48));
    first.create(NewStream.named("gone", 1));
    first.delete(first.describe(new StreamRef.ByName("gone")).arn(), null);

    VideoStreamCatalog second = open(new CatalogFile(dir));
    assertThat(List.copyOf(second.streams())).isEqualTo(List.copyOf(first.streams()));
    assertThat(second.snapshot().revision()).isEqualTo(first.snapshot().revision());
    assertThat(second.snapshot().lastCreationMillis()).isEqualTo(first.snapshot().lastCreationMillis());
    // the deleted stream "gone" was created last; a new stream's ARN must not reuse its time
    assertThat(second.create(NewStream.named("gone", 1)).creationTime().toEpochMilli())
        .isGreaterThan(first.snapshot().lastCreationMillis());
    // versions keep moving forward after a restart: no reuse of a version issued before it
    StreamInfo b = second.describe(new StreamRef.ByName("b"));
    StreamInfo b2 = second.updateRetention(new RetentionUpdate(new StreamRef.ByName("b"), b.version(),
        RetentionOperation.DECREASE_DATA_RETENTION, 2));
    assertThat(b2.version()).isNotIn(a.version(), b.version());
    assertThat(Files.exists(dir.resolve(CatalogFile.TEMP_NAME))).isFalse();
  }

  @Test
  void leftoverTempFileFromCrashedSaveIsIgnored() throws Exception {
    CatalogFile file = new CatalogFile(dir);
    open(file).create(NewStream.named("a", 1));
    Files.writeString(dir.resolve(CatalogFile.TEMP_NAME), "{\"half");
    assertThat(new CatalogFile(dir).load().streams()).extracting(StreamInfo::streamName).containsExactly("a");
    assertThat(Files.exists(dir.resolve(CatalogFile.TEMP_NAME))).isFalse();
  }

  @Test
  void corruptFilesAreRejectedWithTheirReason() throws Exception {
    CatalogFile file = new CatalogFile(dir);
    open(file).create(NewStream.named("a", 1));
    String good = Files.readString(file.file());
    Map<String, String> cases = Map.of(
        good.substring(0, good.length() / 2), "not JSON",
        "", "not a JSON object",
        "[]", "not a JSON object",
        good.replace("\"formatVersion\" : 1", "\"formatVersion\" : 2"), "format version 2",
        good.replace("\"dataRetentionInHours\" : 1", "\"dataRetentionInHours\" : -1"), "DataRetentionInHours",
        good.replace("\"name\" : \"a\"", "\"name\" : \"b\""), "does not name stream",
        good.replace("\"revision\" : 1", "\"revision\" : \"1\""), "revision",
        good + "}", "not JSON");
    for (Map.Entry<String, String> c : cases.entrySet()) {
      Files.writeString(file.file(), c.getKey());
      assertThatThrownBy(file::load).as(c.getKey()).isInstanceOf(CorruptCatalogException.class)
          .hasMessageContaining(file.file().toString()).hasMessageContaining(c.getValue());
    }
  }

  @Test
  void randomGarbageIsRejectedCleanly() throws Exception {
    CatalogFile file = new CatalogFile(dir);
    Random random = new Random(11);
    for (int i = 0; i < 200; i++) {
      byte[] junk = new byte[1 + random.nextInt(200)];
      random.nextBytes(junk);
      Files.write(file.file(), junk);
      assertThatThrownBy(file::load).isInstanceOf(CorruptCatalogException.class);
    }
  }

  @Test
  void snapshotIsReadableJson() throws Exception {
    CatalogFile file = new CatalogFile(dir);
    file.save(Catalog.EMPTY.create(NewStream.named("cam", 24), CLOCK.instant(), "us-east-1", "000000000000").after());
    String text = Files.readString(file.file(), StandardCharsets.UTF_8);
    assertThat(text).contains("\"format\" : \"argus-video-catalog\"", "\"name\" : \"cam\"",
        "\"creationTimeMillis\" : " + CLOCK.millis());
  }
}
