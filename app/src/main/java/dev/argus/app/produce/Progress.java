package dev.argus.app.produce;

import dev.argus.producer.buffer.EncodedFragment;
import dev.argus.producer.upload.UploadListener;
import dev.argus.producer.upload.UploadMetrics;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/**
 * The progress line of {@code argus produce} (on a terminal only: frames, fragments persisted,
 * bitrate, buffer) and warnings for drops and failures. Thread-safe: the listener methods come
 * from the uploader's threads, {@link #show} from the command's.
 */
final class Progress implements UploadListener {

  private final PrintWriter err;
  private final boolean terminal;
  private long lastBytes;
  private double lastSeconds;

  Progress(PrintWriter err, boolean terminal) {
    this.err = err;
    this.terminal = terminal;
  }

  synchronized void show(UploadMetrics.Snapshot m, double seconds) {
    if (!terminal) {
      return;
    }
    double kbps = seconds > lastSeconds ? (m.bytesSent() - lastBytes) * 8 / 1000.0 / (seconds - lastSeconds) : 0;
    lastBytes = m.bytesSent();
    lastSeconds = seconds;
    err.printf(Locale.ROOT, "\r%6.0fs frames %d  fragments %d/%d persisted  %.0f kbit/s  buffer %d KiB %.1fs  reconnects %d ",
        seconds, m.framesIn(), m.fragmentsPersisted(), m.fragmentsBuffered(), kbps, m.bufferBytes() / 1024,
        m.bufferMillis() / 1000.0, m.reconnects());
    err.flush();
  }

  synchronized void clear() {
    if (terminal) {
      err.print("\r\033[K");
      err.flush();
    }
  }

  @Override
  public synchronized void onFragmentDropped(EncodedFragment fragment, String reason) {
    err.println();
    err.println("argus produce: dropped fragment " + fragment.timecodeMillis() + ": " + reason);
  }

  @Override
  public synchronized void onLatencyPressure(Duration buffered) {
    // shown in the progress line's buffer figure; nothing else to do from the CLI
  }

  @Override
  public synchronized void onError(Throwable error, boolean fatal) {
    if (terminal || fatal) {
      err.println();
      err.println("argus produce: " + (fatal ? "" : "retrying after: ") + error.getMessage());
    }
  }
}
