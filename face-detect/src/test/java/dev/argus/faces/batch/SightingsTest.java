package dev.argus.faces.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SightingsTest {

  private static final Instant T = Instant.ofEpochSecond(1795651200);

  @Test
  void aPersonCountsOncePerFrameWithTheirBestSimilarity() {
    Sightings s = new Sightings();
    PersonMatch a1 = new PersonMatch("f-a1", "alice", 91);
    PersonMatch a2 = new PersonMatch("f-a2", "alice", 97);
    PersonMatch b = new PersonMatch("f-b", "bob", 85);
    s.frame(T.plusSeconds(2), List.of(List.of(a1), List.of(a2, b), List.of()));
    s.frame(T.plusSeconds(1), List.of(List.of(b)));
    s.frame(T.plusSeconds(3), List.of());

    assertThat(s.frames()).isEqualTo(3);
    assertThat(s.faces()).isEqualTo(4);
    assertThat(s.facesMatched()).isEqualTo(3);
    assertThat(s.firstFrame()).isEqualTo(T.plusSeconds(1));
    assertThat(s.lastFrame()).isEqualTo(T.plusSeconds(3));
    assertThat(s.people()).containsExactly(
        new PersonSummary("bob", List.of("f-b"), T.plusSeconds(1), T.plusSeconds(1), 1, 85),
        new PersonSummary("alice", List.of("f-a1", "f-a2"), T.plusSeconds(2), T.plusSeconds(2), 1, 97));
  }

  @Test
  void aFaceIndexedWithoutAnExternalIdIsKnownByItsFaceId() {
    Sightings s = new Sightings();
    s.frame(T, List.of(List.of(new PersonMatch("f-1", null, 88))));
    assertThat(s.people()).extracting(PersonSummary::person).containsExactly("f-1");
  }

  @Test
  void nothingSeenIsAnEmptySummary() {
    Sightings s = new Sightings();
    assertThat(s.people()).isEmpty();
    assertThat(s.firstFrame()).isNull();
    s.frame(T, List.of(List.of()));
    assertThat(s.people()).isEmpty();
    assertThat(s.faces()).isEqualTo(1);
  }

  /** Model: recompute every person's summary from the whole list of frames, in time order. */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 42, 1234})
  void agreesWithARecomputationOverShuffledFrames(long seed) {
    Random random = new Random(seed);
    List<Instant> times = new ArrayList<>();
    List<List<List<PersonMatch>>> frames = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      times.add(T.plusMillis(i * 200L));
      List<List<PersonMatch>> faces = new ArrayList<>();
      for (int f = random.nextInt(4); f > 0; f--) {
        List<PersonMatch> matches = new ArrayList<>();
        for (int m = random.nextInt(3); m > 0; m--) {
          int face = random.nextInt(6);
          matches.add(new PersonMatch("face-" + face, face < 5 ? "person-" + face / 2 : null,
              80 + random.nextInt(2001) / 100f));
        }
        faces.add(matches);
      }
      frames.add(faces);
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < frames.size(); i++) {
      order.add(i);
    }
    Collections.shuffle(order, random);
    Sightings s = new Sightings();
    order.forEach(i -> s.frame(times.get(i), frames.get(i)));

    Map<String, PersonSummary> model = new HashMap<>();
    for (int i = 0; i < frames.size(); i++) {
      Map<String, Float> best = new HashMap<>();
      Map<String, TreeSet<String>> ids = new HashMap<>();
      for (List<PersonMatch> face : frames.get(i)) {
        PersonMatch top = null;
        for (PersonMatch m : face) {
          top = top == null || m.similarity() > top.similarity() ? m : top;
        }
        if (top != null) {
          best.merge(top.person(), top.similarity(), Math::max);
          for (PersonMatch m : face) {
            if (m.person().equals(top.person())) {
              ids.computeIfAbsent(m.person(), k -> new TreeSet<>()).add(m.faceId());
            }
          }
        }
      }
      Instant t = times.get(i);
      best.forEach((person, sim) -> model.merge(person,
          new PersonSummary(person, new ArrayList<>(ids.get(person)), t, t, 1, sim),
          (old, now) -> {
            TreeSet<String> all = new TreeSet<>(old.faceIds());
            all.addAll(now.faceIds());
            return new PersonSummary(person, new ArrayList<>(all), old.firstSeen(), now.lastSeen(),
                old.frames() + 1, Math.max(old.bestSimilarity(), now.bestSimilarity()));
          }));
    }
    assertThat(s.people()).containsExactlyInAnyOrderElementsOf(model.values());
    assertThat(s.frames()).isEqualTo(200);
    assertThat(s.faces()).isEqualTo(frames.stream().mapToLong(List::size).sum());
  }
}
