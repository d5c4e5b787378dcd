package dev.argus.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.argus.app.CliRun;
import dev.argus.app.server.ArgusConfig;
import dev.argus.app.server.ArgusServer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code argus bench kinesis} end to end against an in-process server (limits off, as the bench
 * is run), with 1 s phases and tiny counts, in JSON and, through {@code --cbor}, in CBOR: every
 * row of both columns carries a real figure, both put-to-get rows saw every record, and each
 * column's SDK requests went out in that column's protocol. No time is asserted.
 */
class KinesisBenchCommandTest {

  private static final int PROPAGATION_COUNT = 20;
  private static final String SENT = "Content-Type of the SDK's requests";
  private static final Pattern ROW = Pattern.compile("^\\| (.+) \\|$", Pattern.MULTILINE);
  private static final Pattern NUMBER = Pattern.compile("[0-9][0-9,]*(\\.[0-9]+)?");

  @TempDir
  Path dataDir;

  @Test
  void everyRowCarriesAFigure() throws Exception {
    String cborBefore = System.getProperty("aws.cborEnabled");
    CliRun run;
    try (ArgusServer server = ArgusServer.start(new ArgusConfig("127.0.0.1", 0, dataDir, false))) {
      run = CliRun.of("bench", "kinesis", "--endpoint", "argus=" + server.baseUrl(), "--cbor", "argus",
          "--seconds", "1", "--warmup-seconds", "1", "--threads", "2", "--shards", "2", "--latency-count", "20",
          "--propagation-count", Integer.toString(PROPAGATION_COUNT));
    }
    assertThat(run.exit()).as(run.out() + "\n" + run.err()).isZero();
    Map<String, Map<String, String>> columns = columns(run.out());
    assertThat(columns.keySet()).as(run.out()).containsExactly("argus", "argus (CBOR)");
    columns.values().forEach(rows -> assertEveryRowCarriesAFigure(rows, run.out()));
    assertThat(columns.get("argus")).containsEntry(SENT, "application/x-amz-json-1.1");
    assertThat(columns.get("argus (CBOR)")).containsEntry(SENT, "application/x-amz-cbor-1.1");
    assertThat(System.getProperty("aws.cborEnabled")).as("the SDK's protocol switch is put back").isEqualTo(cborBefore);
  }

  @Test
  void aCborColumnMustNameAnEndpoint() {
    CliRun run = CliRun.of("bench", "kinesis", "--endpoint", "argus=http://127.0.0.1:9", "--cbor", "kinesalite");

    assertThat(run.exit()).isNotZero();
    assertThat(run.err()).contains("--cbor kinesalite names no --endpoint");
  }

  private static void assertEveryRowCarriesAFigure(Map<String, String> rows, String out) {
    assertThat(rows.keySet()).as(out).contains(
        "PutRecords 100 B, records/s", "PutRecords 100 B, light client, records/s",
        "GetRecords (100 B records), records/s", "PutRecords 10 KiB, MiB/s", "PutRecords 10 KiB, light client, MiB/s",
        "PutRecord p50 / p99, ms", "put-to-get p50 / p99, ms, consumer polling without pause",
        "put-to-get p50 / p99, ms, consumer pausing 1 ms after an empty poll", "failed records (throughput phases)",
        "PutRecords 100 B, bench JVM CPU, cores", "PutRecords 10 KiB, light client, bench JVM CPU, cores",
        "GetRecords (100 B records), bench JVM CPU, cores");
    assertThat(rows).hasSize(20);
    rows.forEach((figure, value) -> {
      if (figure.equals(SENT)) {
        return; // not a figure; checked per column
      }
      List<Double> numbers = numbers(value);
      if (figure.startsWith("failed records")) {
        assertThat(numbers).as(figure).containsExactly(0.0);
      } else {
        assertThat(numbers).as(figure + ": " + value).isNotEmpty().allSatisfy(n -> assertThat(n).isPositive());
      }
      if (figure.startsWith("put-to-get")) {
        assertThat(value).as(figure).endsWith("(" + PROPAGATION_COUNT + " seen)");
        assertThat(numbers).as(figure).hasSize(3);
      }
    });
  }

  /** The table by column: the header's names, each to its rows, figure to value. */
  private static Map<String, Map<String, String>> columns(String out) {
    Map<String, Map<String, String>> columns = new LinkedHashMap<>();
    List<String> names = List.of();
    Matcher row = ROW.matcher(out);
    while (row.find()) {
      List<String> cells = List.of(row.group(1).split(" \\| "));
      if (cells.get(0).equals("figure")) {
        names = cells.subList(1, cells.size());
        names.forEach(name -> columns.put(name, new LinkedHashMap<>()));
      } else if (!cells.get(0).startsWith("---")) {
        for (int i = 0; i < names.size(); i++) {
          columns.get(names.get(i)).put(cells.get(0), cells.get(i + 1));
        }
      }
    }
    return columns;
  }

  private static List<Double> numbers(String value) {
    return NUMBER.matcher(value).results().map(m -> Double.parseDouble(m.group().replace(",", ""))).toList();
  }
}
