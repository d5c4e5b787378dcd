package dev.argus.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.argus.app.CliRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code argus demo} end to end on the shipped clip, sent as fast as possible: person A is alone
 * until ~5.8 s of clip time, both are on screen until ~10.9 s, then only person B. The demo enrols
 * A from picture 30 (1 s in) and must report A's face in the first part and never after the cut.
 */
class DemoCommandTest {

  private static final Pattern EVENT = Pattern.compile(
      "^\\[\\s*(-?[0-9.]+) s\\] fragment ([0-9]+)  face left [0-9.]+ top [0-9.]+ [0-9.]+x[0-9.]+  "
          + "(person-a  similarity ([0-9.]+)|no match)  latency -?[0-9]+ ms$");

  private record Event(double seconds, String fragment, boolean personA, double similarity) {
  }

  @Test
  void aStreamProcessorFindsTheEnrolledPersonOnlyWhileOnScreen(@TempDir Path dir) {
    String text = runDemo("--realtime=false", "--data-dir", dir.toString());
    assertThat(text).contains("stream processor argus-demo-faces: ");
    assertRightPersonAtTheRightTimes(text, "[1-9][0-9]*");
  }

  @Test
  void theInProcessAnalysisFindsTheEnrolledPersonOnlyWhileOnScreen(@TempDir Path dir) {
    String text = runDemo("--in-process", "--realtime=false", "--fps", "5", "--data-dir", dir.toString());
    assertRightPersonAtTheRightTimes(text, "[1-9][0-9]*");
  }

  private static String runDemo(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "demo";
    System.arraycopy(args, 0, all, 1, args.length);
    CliRun run = CliRun.of(all);
    assertThat(run.exit()).as(run.out() + "\n" + run.err()).isZero();
    return run.out();
  }

  private static void assertRightPersonAtTheRightTimes(String text, String framesAnalysed) {
    List<Event> events = new ArrayList<>();
    for (String line : text.split("\n")) {
      Matcher m = EVENT.matcher(line);
      if (m.matches()) {
        events.add(new Event(Double.parseDouble(m.group(1)), m.group(2), m.group(4) != null,
            m.group(4) == null ? 0 : Double.parseDouble(m.group(4))));
      }
    }
    List<Event> a = events.stream().filter(Event::personA).toList();
    assertThat(a).as(text).hasSizeGreaterThanOrEqualTo(10);
    assertThat(a).allSatisfy(e -> assertThat(e.seconds()).isBetween(0.0, 10.9));
    assertThat(a).allSatisfy(e -> assertThat(e.similarity()).isBetween(80.0, 100.0));
    assertThat(a).anySatisfy(e -> assertThat(e.seconds()).isLessThan(1.0));
    // Person B's face after the cut is detected and matches nobody.
    assertThat(events).filteredOn(e -> e.seconds() > 11.5).isNotEmpty().noneMatch(Event::personA);
    assertThat(events).extracting(Event::fragment).doesNotContainNull();
    assertThat(text).contains("enrolled person-a as face ")
        .containsPattern("summary: frames 546, fragments [1-9][0-9]*, frames analysed " + framesAnalysed + ", faces detected "
            + events.size() + ", face records [1-9][0-9]*, matches " + a.size())
        .containsPattern("  person-a: seen [0-9.]+ s to [0-9.]+ s in " + a.size() + " frames")
        .contains("latency from frame upload to event: p50 ");
  }
}
