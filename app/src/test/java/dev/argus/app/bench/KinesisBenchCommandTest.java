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
 * is run), with 1 s phases and tiny counts: every row of the table carries a real figure, and both
 * put-to-get rows saw every record. No time is asserted.
 */
class KinesisBenchCommandTest {

  private static final int PROPAGATION_COUNT = 20;
  private static final Pattern ROW = Pattern.compile("^\\| (.+?) \\| (.+?) \\|$", Pattern.MULTILINE);
  private static final Pattern NUMBER = Pattern.compile("[0-9][0-9,]*(\\.[0-9]+)?");

  @TempDir
  Path dataDir;

  @Test
  void everyRowCarriesAFigure() throws Exception {
    CliRun run;
    try (ArgusServer server = ArgusServer.start(new ArgusConfig("127.0.0.1", 0, dataDir, false))) {
      run = CliRun.of("bench", "kinesis", "--endpoint", "argus=" + server.baseUrl(), "--seconds", "1",
          "--threads", "2", "--shards", "2", "--latency-count", "20",
          "--propagation-count", Integer.toString(PROPAGATION_COUNT));
    }
    assertThat(run.exit()).as(run.out() + "\n" + run.err()).isZero();
    Map<String, String> rows = rows(run.out());
    assertThat(rows.keySet()).as(run.out()).contains(
        "PutRecords 100 B, records/s", "PutRecords 100 B, light client, records/s",
        "GetRecords (100 B records), records/s", "PutRecords 10 KiB, MiB/s", "PutRecords 10 KiB, light client, MiB/s",
        "PutRecord p50 / p99, ms", "put-to-get p50 / p99, ms, consumer polling without pause",
        "put-to-get p50 / p99, ms, consumer pausing 1 ms after an empty poll", "failed records (throughput phases)");
    assertThat(rows).hasSize(14);
    rows.forEach((figure, value) -> {
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

  /** The table's rows after its header, figure to value. */
  private static Map<String, String> rows(String out) {
    Map<String, String> rows = new LinkedHashMap<>();
    Matcher row = ROW.matcher(out);
    while (row.find()) {
      if (!row.group(1).equals("figure") && !row.group(1).startsWith("---")) {
        rows.put(row.group(1), row.group(2));
      }
    }
    return rows;
  }

  private static List<Double> numbers(String value) {
    return NUMBER.matcher(value).results().map(m -> Double.parseDouble(m.group().replace(",", ""))).toList();
  }
}
