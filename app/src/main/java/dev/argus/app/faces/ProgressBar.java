package dev.argus.app.faces;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * The analysis' progress on stderr. On a terminal: one line redrawn in place,
 * {@code [#####.....]  3/8 fragments  45 frames  2 persons}. Otherwise (a log file): the same line
 * once per tenth of the work, so a log is not flooded. {@link #clear()} removes the drawn line.
 *
 * <p>Not thread-safe: the analysis thread draws it.
 */
final class ProgressBar {

  static final int WIDTH = 30;

  private final PrintWriter err;
  private final boolean terminal;
  private int lastTenth = -1;
  private boolean drawn;

  ProgressBar(PrintWriter err, boolean terminal) {
    this.err = err;
    this.terminal = terminal;
  }

  /** The bar for {@code done} of {@code total} fragments. */
  static String line(long done, long total, long frames, long persons) {
    int filled = total == 0 ? WIDTH : (int) (WIDTH * done / total);
    return String.format(Locale.ROOT, "[%s%s] %d/%d fragments  %d frames  %d persons", "#".repeat(filled),
        ".".repeat(WIDTH - filled), done, total, frames, persons);
  }

  void show(long done, long total, long frames, long persons) {
    String line = line(done, total, frames, persons);
    if (terminal) {
      err.print("\r" + line);
      drawn = true;
    } else {
      int tenth = total == 0 ? 10 : (int) (10 * done / total);
      if (tenth == lastTenth) {
        return;
      }
      lastTenth = tenth;
      err.println("argus faces analyze: " + line);
    }
    err.flush();
  }

  void clear() {
    if (drawn) {
      err.print("\r" + " ".repeat(WIDTH + 60) + "\r");
      err.flush();
      drawn = false;
    }
  }
}
