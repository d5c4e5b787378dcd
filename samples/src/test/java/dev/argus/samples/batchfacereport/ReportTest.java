package dev.argus.samples.batchfacereport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {

  @Test
  void summarisesEachPersonAndWritesCsv(@TempDir Path dir) throws Exception {
    Report report = Report.of(List.of(
        new Sighting(0.5, "1", "ann", 90, 0.1f, 0.1f, 0.2f, 0.2f),
        new Sighting(1.0, "1", Sighting.UNKNOWN, 0, 0.5f, 0.1f, 0.2f, 0.2f),
        new Sighting(1.5, "2", "ann", 97, 0.1f, 0.1f, 0.2f, 0.2f),
        new Sighting(3.0, "2", "b,o\"b", 81, 0.1f, 0.1f, 0.2f, 0.2f)));
    assertThat(report.people()).containsExactly(
        new Report.Person("ann", 0.5, 1.5, 2, 97),
        new Report.Person(Sighting.UNKNOWN, 1.0, 1.0, 1, 0),
        new Report.Person("b,o\"b", 3.0, 3.0, 1, 81));
    Path csv = dir.resolve("r.csv");
    report.write(csv);
    assertThat(Files.readAllLines(csv)).containsExactly(
        "time_s,fragment_number,person,similarity,left,top,width,height",
        "0.500,1,ann,90.0,0.1000,0.1000,0.2000,0.2000",
        "1.000,1,unknown,0.0,0.5000,0.1000,0.2000,0.2000",
        "1.500,2,ann,97.0,0.1000,0.1000,0.2000,0.2000",
        "3.000,2,\"b,o\"\"b\",81.0,0.1000,0.1000,0.2000,0.2000");
  }
}
