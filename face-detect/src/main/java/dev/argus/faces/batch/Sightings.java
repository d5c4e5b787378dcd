package dev.argus.faces.batch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Folds the search results of analysed frames into a per-person summary (pure).
 *
 * <p>Rules: each detected face counts for the person of its best match (highest similarity),
 * as a face is one person; a person counts once per frame however many of their faces matched;
 * a face with no match counts as detected only. Frames may come in any order.
 *
 * <p>Memory: one entry per matched person and face, so bounded by the collection's size.
 *
 * <p>Not thread-safe: one per analysis, fed from one thread.
 */
public final class Sightings {

  private static final class Person {
    final TreeSet<String> faceIds = new TreeSet<>();
    Instant first;
    Instant last;
    long frames;
    float best;
  }

  private final Map<String, Person> people = new HashMap<>();
  private long frames;
  private long faces;
  private long facesMatched;
  private Instant firstFrame;
  private Instant lastFrame;

  /**
   * Adds one analysed frame.
   *
   * @param time    the frame's timestamp
   * @param matches one list per detected face: its matches above the threshold, any order, maybe empty
   */
  public void frame(Instant time, List<List<PersonMatch>> matches) {
    frames++;
    firstFrame = firstFrame == null || time.isBefore(firstFrame) ? time : firstFrame;
    lastFrame = lastFrame == null || time.isAfter(lastFrame) ? time : lastFrame;
    Map<String, PersonMatch> bestPerPerson = new HashMap<>();
    for (List<PersonMatch> face : matches) {
      faces++;
      PersonMatch best = face.stream().max(Comparator.comparingDouble(PersonMatch::similarity)).orElse(null);
      if (best != null) {
        facesMatched++;
        bestPerPerson.merge(best.person(), best, (a, b) -> a.similarity() >= b.similarity() ? a : b);
      }
      face.stream().filter(m -> best != null && m.person().equals(best.person()))
          .forEach(m -> people.computeIfAbsent(m.person(), k -> new Person()).faceIds.add(m.faceId()));
    }
    bestPerPerson.forEach((name, match) -> {
      Person p = people.get(name);
      p.first = p.first == null || time.isBefore(p.first) ? time : p.first;
      p.last = p.last == null || time.isAfter(p.last) ? time : p.last;
      p.frames++;
      p.best = Math.max(p.best, match.similarity());
    });
  }

  public long frames() {
    return frames;
  }

  public long faces() {
    return faces;
  }

  public long facesMatched() {
    return facesMatched;
  }

  /** The first analysed frame's timestamp, or null before any. */
  public Instant firstFrame() {
    return firstFrame;
  }

  /** The last analysed frame's timestamp, or null before any. */
  public Instant lastFrame() {
    return lastFrame;
  }

  /** Every person seen, by first sighting then name. */
  public List<PersonSummary> people() {
    List<PersonSummary> out = new ArrayList<>();
    people.forEach((name, p) -> {
      if (p.frames > 0) {
        out.add(new PersonSummary(name, new ArrayList<>(p.faceIds), p.first, p.last, p.frames, p.best));
      }
    });
    out.sort(Comparator.comparing(PersonSummary::firstSeen).thenComparing(PersonSummary::person));
    return out;
  }
}
