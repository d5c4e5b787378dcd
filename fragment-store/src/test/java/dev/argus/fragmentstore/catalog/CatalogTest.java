package dev.argus.fragmentstore.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CatalogTest {

  private static final Instant T0 = Instant.parse("2026-11-23T10:00:00.123456Z");
  private static final String REGION = "eu-west-1";
  private static final String ACCOUNT = "123456789012";

  private static Catalog.Change create(Catalog catalog, String name, int hours) {
    return catalog.create(NewStream.named(name, hours), T0, REGION, ACCOUNT);
  }

  @Test
  void createFillsEveryStreamInfoMember() {
    NewStream request = new NewStream("cam-1", "dev_1", "video/h264", null, 24, Tags.of(Map.of("k", "v")));
    Catalog.Change change = Catalog.EMPTY.create(request, T0, REGION, ACCOUNT);
    StreamInfo s = change.stream();
    assertThat(s.streamName()).isEqualTo("cam-1");
    assertThat(s.arn().toString()).isEqualTo("arn:aws:kinesisvideo:eu-west-1:123456789012:stream/cam-1/"
        + T0.toEpochMilli());
    assertThat(s.creationTime()).isEqualTo(Instant.ofEpochMilli(T0.toEpochMilli()));
    assertThat(s.deviceName()).isEqualTo("dev_1");
    assertThat(s.mediaType()).isEqualTo("video/h264");
    assertThat(s.kmsKeyId()).isEqualTo("arn:aws:kms:eu-west-1:123456789012:alias/aws/kinesisvideo");
    assertThat(s.status()).isEqualTo(StreamStatus.ACTIVE);
    assertThat(s.dataRetentionInHours()).isEqualTo(24);
    assertThat(s.tags().entries()).containsExactly(Map.entry("k", "v"));
    assertThat(s.version()).matches("[a-zA-Z0-9]{1,64}");
    assertThat(change.after().revision()).isEqualTo(1);
    assertThat(change.after().find(new StreamRef.ByName("cam-1"))).isEqualTo(s);
    assertThat(change.after().find(new StreamRef.ByArn(s.arn()))).isEqualTo(s);
    assertThat(Catalog.EMPTY.streams()).isEmpty();
  }

  @Test
  void callersKmsKeyIsKeptAndZeroRetentionAllowed() {
    NewStream request = new NewStream("a", null, null, "arn:aws:kms:us-east-1:1:key/abc", 0, null);
    StreamInfo s = Catalog.EMPTY.create(request, T0, REGION, ACCOUNT).stream();
    assertThat(s.kmsKeyId()).isEqualTo("arn:aws:kms:us-east-1:1:key/abc");
    assertThat(s.dataRetentionInHours()).isZero();
    assertThat(s.tags()).isEqualTo(Tags.NONE);
  }

  @Test
  void existingNameIsInUse() {
    Catalog c = create(Catalog.EMPTY, "a", 1).after();
    assertThatThrownBy(() -> create(c, "a", 2)).isInstanceOf(StreamInUseException.class).hasMessageContaining("a");
  }

  @Test
  void unknownNameOrStaleArnIsNotFound() {
    Catalog.Change first = create(Catalog.EMPTY, "a", 1);
    StreamArn old = first.stream().arn();
    Catalog deleted = first.after().delete(old, null).after();
    Catalog again = deleted.create(NewStream.named("a", 1), T0, REGION, ACCOUNT).after(); // same millisecond
    assertThatThrownBy(() -> again.find(new StreamRef.ByArn(old))).isInstanceOf(StreamNotFoundException.class);
    assertThatThrownBy(() -> again.find(new StreamRef.ByName("b"))).isInstanceOf(StreamNotFoundException.class);
    assertThatThrownBy(() -> again.find(new StreamRef.ByArn(new StreamArn("us-east-1", ACCOUNT, "a",
        T0.toEpochMilli() + 1)))).isInstanceOf(StreamNotFoundException.class);
    assertThat(again.find(new StreamRef.ByName("a")).arn()).isNotEqualTo(old);
  }

  @Test
  void deleteChecksVersionAndReportsDeleting() {
    Catalog.Change created = create(Catalog.EMPTY, "a", 1);
    StreamInfo s = created.stream();
    assertThatThrownBy(() -> created.after().delete(s.arn(), "0000")).isInstanceOf(VersionMismatchException.class);
    assertThatThrownBy(() -> created.after().delete(s.arn(), "not-alnum"))
        .isInstanceOf(InvalidArgumentException.class);
    Catalog.Change deleted = created.after().delete(s.arn(), s.version());
    assertThat(deleted.stream().status()).isEqualTo(StreamStatus.DELETING);
    assertThat(deleted.after().streams()).isEmpty();
    assertThat(deleted.after().revision()).isEqualTo(2);
    assertThatThrownBy(() -> deleted.after().delete(s.arn(), null)).isInstanceOf(StreamNotFoundException.class);
  }

  @Test
  void retentionIncreasesAndDecreasesWithVersionGuard() {
    Catalog.Change created = create(Catalog.EMPTY, "a", 10);
    StreamInfo s = created.stream();
    StreamRef ref = new StreamRef.ByName("a");
    Catalog.Change up = created.after().updateRetention(
        new RetentionUpdate(ref, s.version(), RetentionOperation.INCREASE_DATA_RETENTION, 5));
    assertThat(up.stream().dataRetentionInHours()).isEqualTo(15);
    assertThat(up.stream().version()).isNotEqualTo(s.version());
    assertThatThrownBy(() -> up.after().updateRetention(
        new RetentionUpdate(ref, s.version(), RetentionOperation.DECREASE_DATA_RETENTION, 1)))
        .isInstanceOf(VersionMismatchException.class);
    Catalog.Change down = up.after().updateRetention(
        new RetentionUpdate(ref, up.stream().version(), RetentionOperation.DECREASE_DATA_RETENTION, 15));
    assertThat(down.stream().dataRetentionInHours()).isZero();
    assertThatThrownBy(() -> down.after().updateRetention(new RetentionUpdate(ref, down.stream().version(),
        RetentionOperation.DECREASE_DATA_RETENTION, 1)))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("decrease");
    assertThat(down.after().updateRetention(new RetentionUpdate(ref, down.stream().version(),
        RetentionOperation.INCREASE_DATA_RETENTION, StreamInfo.MAX_RETENTION_HOURS)).stream()
        .dataRetentionInHours()).isEqualTo(StreamInfo.MAX_RETENTION_HOURS);
  }

  @Test
  void retentionAboveTenYearsIsRefused() {
    Catalog.Change created = create(Catalog.EMPTY, "a", StreamInfo.MAX_RETENTION_HOURS);
    assertThatThrownBy(() -> created.after().updateRetention(new RetentionUpdate(new StreamRef.ByName("a"),
        created.stream().version(), RetentionOperation.INCREASE_DATA_RETENTION, 1)))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("maximum");
  }

  @Test
  void taggingKeepsVersionButUntagRemovesAndLimitHolds() {
    Catalog.Change created = create(Catalog.EMPTY, "a", 1);
    StreamRef ref = new StreamRef.ByArn(created.stream().arn());
    Catalog.Change tagged = created.after().tag(ref, Tags.of(Map.of("a", "1", "b", "2")));
    assertThat(tagged.stream().version()).isEqualTo(created.stream().version());
    assertThat(tagged.after().revision()).isEqualTo(2);
    Catalog.Change retagged = tagged.after().tag(ref, Tags.of(Map.of("a", "x")));
    assertThat(retagged.stream().tags().entries()).containsExactly(Map.entry("a", "x"), Map.entry("b", "2"));
    Catalog.Change untagged = retagged.after().untag(ref, List.of("a", "absent"));
    assertThat(untagged.stream().tags().entries()).containsExactly(Map.entry("b", "2"));

    Map<String, String> fifty = IntStream.range(0, 50).boxed()
        .collect(Collectors.toMap(i -> "k" + i, i -> "v"));
    assertThatThrownBy(() -> untagged.after().tag(ref, Tags.of(fifty)))
        .isInstanceOf(TagLimitExceededException.class);
  }

  @Test
  void listTagsPagesAfterToken() {
    Map<String, String> fifty = IntStream.range(0, 50).boxed().collect(Collectors.toMap(i -> "k" + i, i -> "v"));
    Catalog c = Catalog.EMPTY.create(new NewStream("a", null, null, null, 1, Tags.of(fifty)), T0, REGION, ACCOUNT)
        .after();
    Page<Map.Entry<String, String>> all = c.listTags(new StreamRef.ByName("a"), null);
    assertThat(all.items()).hasSize(50);
    assertThat(all.nextToken()).isNull();
    Page<Map.Entry<String, String>> rest = c.listTags(new StreamRef.ByName("a"), new PageToken("tags", "k48"));
    assertThat(rest.items()).extracting(Map.Entry::getKey).containsExactly("k49", "k5", "k6", "k7", "k8", "k9");
    assertThatThrownBy(() -> c.listTags(new StreamRef.ByName("a"), new PageToken("streams", "k48")))
        .isInstanceOf(InvalidArgumentException.class);
  }

  @Test
  void creationTimesStrictlyIncreaseEvenWhenTheClockStallsOrGoesBack() {
    Catalog.Change a = create(Catalog.EMPTY, "a", 1);
    Catalog.Change b = create(a.after(), "b", 1);
    Catalog.Change c = b.after().create(NewStream.named("c", 1), T0.minusSeconds(60), REGION, ACCOUNT);
    assertThat(a.stream().creationTime().toEpochMilli()).isEqualTo(T0.toEpochMilli());
    assertThat(b.stream().creationTime().toEpochMilli()).isEqualTo(T0.toEpochMilli() + 1);
    assertThat(c.stream().creationTime().toEpochMilli()).isEqualTo(T0.toEpochMilli() + 2);
    assertThat(c.after().lastCreationMillis()).isEqualTo(T0.toEpochMilli() + 2);
    Catalog.Change later = c.after().create(NewStream.named("d", 1), T0.plusSeconds(5), REGION, ACCOUNT);
    assertThat(later.stream().creationTime()).isEqualTo(T0.plusSeconds(5).truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
  }

  @Test
  void versionsNeverRepeatAcrossRevisions() {
    Set<String> seen = new HashSet<>();
    for (long r = 0; r < 10_000; r++) {
      String v = Catalog.versionOf(r);
      assertThat(v).matches("[0-9a-f]{16}");
      assertThat(seen.add(v)).isTrue();
    }
  }

  @Test
  void restoredCatalogRejectsDuplicateNames() {
    StreamInfo s = create(Catalog.EMPTY, "a", 1).stream();
    long created = s.creationTime().toEpochMilli();
    assertThatThrownBy(() -> Catalog.of(3, created, List.of(s, s))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Catalog.of(-1, 0, List.of())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Catalog.of(3, created - 1, List.of(s))).isInstanceOf(IllegalArgumentException.class);
    assertThat(Catalog.of(3, created, List.of(s)).find(new StreamRef.ByName("a"))).isEqualTo(s);
  }

  @Test
  void listingFiltersByPrefixAndPages() {
    Catalog c = Catalog.EMPTY;
    for (String name : List.of("b", "a2", "a1", "c", "a3")) {
      c = create(c, name, 1).after();
    }
    Page<StreamInfo> first = c.list(new ListQuery(2, "a", null));
    assertThat(first.items()).extracting(StreamInfo::streamName).containsExactly("a1", "a2");
    Page<StreamInfo> second = c.list(ListQuery.of(2, "a", first.nextToken()));
    assertThat(second.items()).extracting(StreamInfo::streamName).containsExactly("a3");
    assertThat(second.nextToken()).isNull();
    Page<StreamInfo> exact = c.list(ListQuery.of(5, null, null));
    assertThat(exact.items()).extracting(StreamInfo::streamName).containsExactly("a1", "a2", "a3", "b", "c");
    assertThat(exact.nextToken()).isNull();
    // a token past the prefix, and a prefix past the token
    assertThat(c.list(ListQuery.of(10, "a", new PageToken("streams", "b").encode())).items()).isEmpty();
    assertThat(c.list(ListQuery.of(10, "c", new PageToken("streams", "a1").encode())).items())
        .extracting(StreamInfo::streamName).containsExactly("c");
  }

  /** Random creates, deletes and paged listings against a TreeMap model. */
  @Test
  void pagingMatchesTreeMapModel() {
    for (long seed = 1; seed <= 20; seed++) {
      Random random = new Random(seed);
      TreeMap<String, Boolean> model = new TreeMap<>();
      Catalog c = Catalog.EMPTY;
      for (int step = 0; step < 300; step++) {
        String name = randomName(random);
        int op = random.nextInt(10);
        if (op < 6) {
          if (model.containsKey(name)) {
            Catalog before = c;
            assertThatThrownBy(() -> create(before, name, 1)).isInstanceOf(StreamInUseException.class);
          } else {
            c = create(c, name, 1).after();
            model.put(name, true);
          }
        } else if (op < 8 && !model.isEmpty()) {
          String victim = new ArrayList<>(model.keySet()).get(random.nextInt(model.size()));
          c = c.delete(c.find(new StreamRef.ByName(victim)).arn(), null).after();
          model.remove(victim);
        } else {
          String prefix = random.nextBoolean() ? null : name.substring(0, Math.min(name.length(), 1 + random.nextInt(2)));
          List<String> expected = model.keySet().stream()
              .filter(n -> prefix == null || n.startsWith(prefix)).toList();
          assertThat(pageThrough(c, prefix, random)).as("seed %d step %d", seed, step)
              .isEqualTo(expected);
        }
      }
    }
  }

  private static List<String> pageThrough(Catalog c, String prefix, Random random) {
    List<String> names = new ArrayList<>();
    String token = null;
    do {
      int max = 1 + random.nextInt(7);
      Page<StreamInfo> page = c.list(ListQuery.of(max, prefix, token));
      assertThat(page.items().size()).isLessThanOrEqualTo(max);
      if (page.nextToken() != null) {
        assertThat(page.items()).hasSize(max);
      }
      page.items().forEach(s -> names.add(s.streamName()));
      token = page.nextToken();
    } while (token != null);
    return names;
  }

  private static String randomName(Random random) {
    String alphabet = "ab.-_Z9";
    StringBuilder name = new StringBuilder();
    int length = 1 + random.nextInt(4);
    for (int i = 0; i < length; i++) {
      name.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return name.toString();
  }
}
