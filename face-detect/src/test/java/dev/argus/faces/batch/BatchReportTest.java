package dev.argus.faces.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchReportTest {

  private static final Instant T = Instant.ofEpochSecond(1795651200);

  private static BatchReport report() {
    Sightings s = new Sightings();
    s.frame(T.plusMillis(1500), List.of(List.of(new PersonMatch("f-a", "alice", 93.5f)), List.of()));
    s.frame(T.plusMillis(4250), List.of(List.of(new PersonMatch("f-a", "alice", 90f))));
    return BatchReport.of("lobby", "staff", new TimeWindow(T, T.plusSeconds(60)), 80, 5, 3, s);
  }

  @Test
  void theJsonCarriesTheSummaryWithOffsetsFromTheWindowStart() throws Exception {
    JsonNode json = new ObjectMapper().readTree(report().toJson());
    assertThat(json.get("StreamName").asText()).isEqualTo("lobby");
    assertThat(json.get("From").asText()).isEqualTo("2026-11-26T00:00:00Z");
    assertThat(json.get("FramesAnalysed").asLong()).isEqualTo(2);
    assertThat(json.get("FacesDetected").asLong()).isEqualTo(3);
    assertThat(json.get("FacesMatched").asLong()).isEqualTo(2);
    JsonNode alice = json.get("Persons").get(0);
    assertThat(alice.get("Person").asText()).isEqualTo("alice");
    assertThat(alice.get("FaceIds").get(0).asText()).isEqualTo("f-a");
    assertThat(alice.get("FirstSeenOffsetSeconds").asDouble()).isEqualTo(1.5);
    assertThat(alice.get("LastSeenOffsetSeconds").asDouble()).isEqualTo(4.25);
    assertThat(alice.get("LastSeen").asText()).isEqualTo("2026-11-26T00:00:04.250Z");
    assertThat(alice.get("Frames").asLong()).isEqualTo(2);
    assertThat(alice.get("BestSimilarity").asDouble()).isEqualTo(93.5);
  }

  @Test
  void theTextHasOneLinePerPerson() {
    String text = report().toText();
    assertThat(text.split("\n")).hasSize(2);
    assertThat(text).contains("2 frames analysed, 3 faces detected, 2 matched, 1 persons")
        .contains("  alice: first seen 2026-11-26T00:00:01.500Z (+1.50 s), last seen 2026-11-26T00:00:04.250Z (+4.25 s), "
            + "2 frames, best similarity 93.5, faces f-a");
  }

  @Test
  void anEmptyAnalysisHasNullFrameTimes() throws Exception {
    BatchReport empty = BatchReport.of("lobby", "staff", new TimeWindow(T, T.plusSeconds(1)), 80, 5, 0,
        new Sightings());
    JsonNode json = new ObjectMapper().readTree(empty.toJson());
    assertThat(json.get("FirstFrame").isNull()).isTrue();
    assertThat(json.get("Persons")).isEmpty();
  }
}
