package dev.argus.samples.batchfacereport;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Who appeared when: every {@link Sighting} in time order, and one {@link Person} summary per
 * name (first and last seen, frames, best similarity). Written as CSV (one row per sighting) or
 * JSON ({@code {"people":[...],"sightings":[...]}}) by the file's extension.
 */
public record Report(List<Person> people, List<Sighting> sightings) {

  /** One person's summary; {@code name} is an ExternalImageId or {@link Sighting#UNKNOWN}. */
  public record Person(String name, double firstSeenSeconds, double lastSeenSeconds, int frames,
                       float bestSimilarity) {
  }

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public Report {
    people = List.copyOf(people);
    sightings = List.copyOf(sightings);
  }

  /** Summarises sightings given in time order (pure). */
  public static Report of(List<Sighting> sightings) {
    Map<String, Person> people = new LinkedHashMap<>();
    for (Sighting s : sightings) {
      people.merge(s.person(), new Person(s.person(), s.timeSeconds(), s.timeSeconds(), 1, s.similarity()),
          (a, b) -> new Person(a.name(), Math.min(a.firstSeenSeconds(), b.firstSeenSeconds()),
              Math.max(a.lastSeenSeconds(), b.lastSeenSeconds()), a.frames() + 1,
              Math.max(a.bestSimilarity(), b.bestSimilarity())));
    }
    return new Report(new ArrayList<>(people.values()), sightings);
  }

  public List<Sighting> sightingsOf(String person) {
    return sightings.stream().filter(s -> s.person().equals(person)).toList();
  }

  /** Writes CSV when {@code file} ends in {@code .csv}, JSON otherwise. */
  public void write(Path file) throws IOException {
    if (file.getFileName().toString().endsWith(".csv")) {
      try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        out.write("time_s,fragment_number,person,similarity,left,top,width,height\n");
        for (Sighting s : sightings) {
          out.write(String.format(Locale.ROOT, "%.3f,%s,%s,%.1f,%.4f,%.4f,%.4f,%.4f%n", s.timeSeconds(),
              s.fragmentNumber(), csv(s.person()), s.similarity(), s.left(), s.top(), s.width(), s.height()));
        }
      }
    } else {
      JSON.writeValue(file.toFile(), this);
    }
  }

  private static String csv(String value) {
    return value.contains(",") || value.contains("\"") ? '"' + value.replace("\"", "\"\"") + '"' : value;
  }
}
