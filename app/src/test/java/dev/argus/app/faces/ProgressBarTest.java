package dev.argus.app.faces;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

  @Test
  void theBarFillsInProportionToTheFragmentsDone() {
    assertThat(ProgressBar.line(0, 8, 0, 0)).isEqualTo("[" + ".".repeat(30) + "] 0/8 fragments  0 frames  0 persons");
    assertThat(ProgressBar.line(4, 8, 45, 2)).isEqualTo("[" + "#".repeat(15) + ".".repeat(15)
        + "] 4/8 fragments  45 frames  2 persons");
    assertThat(ProgressBar.line(0, 0, 0, 0)).startsWith("[" + "#".repeat(30) + "]");
  }

  @Test
  void onATerminalOneLineIsRedrawnAndCleared() {
    StringWriter err = new StringWriter();
    ProgressBar bar = new ProgressBar(new PrintWriter(err), true);
    bar.show(1, 2, 5, 1);
    bar.show(2, 2, 10, 1);
    bar.clear();
    assertThat(err.toString()).doesNotContain("\n").contains("\r[" + "#".repeat(15))
        .contains("2/2 fragments  10 frames").endsWith("\r");
  }

  @Test
  void inALogItWritesALinePerTenthOfTheWork() {
    StringWriter err = new StringWriter();
    ProgressBar bar = new ProgressBar(new PrintWriter(err), false);
    for (int done = 0; done <= 100; done++) {
      bar.show(done, 100, done * 5, 1);
    }
    bar.clear();
    assertThat(err.toString().split("\n")).hasSize(11).allMatch(l -> l.startsWith("argus faces analyze: ["));
    assertThat(err.toString()).doesNotContain("\r");
  }
}
