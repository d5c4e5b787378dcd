package dev.argus.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.argus.app.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code argus bench faces} for one real-time pass of the shipped clip against its own server:
 * every record it reads is timed, and person A is matched. No time is asserted.
 */
class FacesBenchCommandTest {

  private static final Pattern HEAD = Pattern.compile(
      "faces: 1 passes at 30 fps, fragments 1000 ms, poll 20 ms: ([0-9]+) records \\(([0-9]+) matched\\), "
          + "processor RUNNING, last pass frames 546 fragments ([0-9]+)");

  @Test
  void onePassIsTimedRecordByRecord() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine command = Main.commandLine();
    command.setOut(new PrintWriter(out));
    command.setErr(new PrintWriter(err));
    int exit = command.execute("bench", "faces", "--passes", "1");
    assertThat(exit).as(out + "\n" + err).isZero();
    Matcher head = HEAD.matcher(out.toString());
    assertThat(head.find()).as(out.toString()).isTrue();
    long records = Long.parseLong(head.group(1));
    assertThat(records).as("5 frames/s of ~18 s, most with a face").isGreaterThan(40);
    assertThat(Long.parseLong(head.group(2))).isPositive();
    assertThat(Integer.parseInt(head.group(3))).as("a fragment per second").isGreaterThanOrEqualTo(15);
    for (String what : new String[] {"upload -> readable", "capture -> readable", "capture -> written"}) {
      assertThat(out.toString()).containsPattern(Pattern.quote(what) + ".* p50 +[0-9]+ ms  p99 +[0-9]+ ms  \\(n="
          + records + "\\)");
    }
  }
}
