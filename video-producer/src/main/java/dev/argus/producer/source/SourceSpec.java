package dev.argus.producer.source;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where video comes from. {@link #parse} reads the CLI's {@code --source} value:
 * <ul>
 *   <li>{@code rtsp://[user:pass@]host[:port]/path} (also {@code rtsps://}): an IP camera;
 *   <li>{@code /dev/videoN}: a V4L2 device;
 *   <li>{@code testsrc} or {@code testsrc:WxH@FPS}: FFmpeg's lavfi test pattern as a live camera;
 *   <li>anything else: a file in any container FFmpeg reads.
 * </ul>
 */
public sealed interface SourceSpec {

  /** Whether the source is live (its clock is the wall clock) rather than recorded. */
  boolean live();

  /** A recorded file. */
  record File(Path path) implements SourceSpec {
    @Override
    public boolean live() {
      return false;
    }
  }

  /** An RTSP camera; credentials, if any, are in the URI's user info. */
  record Rtsp(URI uri) implements SourceSpec {
    public Rtsp {
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("rtsp") && !scheme.equals("rtsps")) {
        throw new IllegalArgumentException("not an RTSP URL: " + uri);
      }
    }

    @Override
    public boolean live() {
      return true;
    }

    /** The URI with any password replaced, for logs and messages. */
    public String redacted() {
      return uri.getUserInfo() == null ? uri.toString() : uri.toString().replace(uri.getRawUserInfo() + "@", "***@");
    }
  }

  /** A V4L2 capture device such as {@code /dev/video0}. */
  record V4l2(Path device) implements SourceSpec {
    @Override
    public boolean live() {
      return true;
    }
  }

  /** FFmpeg's {@code testsrc} pattern, generated at its frame rate as a synthetic live camera. */
  record TestPattern(int width, int height, int fps) implements SourceSpec {
    public static final int DEFAULT_WIDTH = 640;
    public static final int DEFAULT_HEIGHT = 480;
    public static final int DEFAULT_FPS = 30;

    public TestPattern {
      if (width < 16 || height < 16 || width % 2 != 0 || height % 2 != 0 || fps < 1 || fps > 240) {
        throw new IllegalArgumentException("testsrc needs even sizes >= 16 and 1..240 fps: " + width + "x" + height + "@" + fps);
      }
    }

    @Override
    public boolean live() {
      return true;
    }

    /** The lavfi graph: the pattern, throttled to real time by the {@code realtime} filter. */
    String filterGraph() {
      return "testsrc=size=" + width + "x" + height + ":rate=" + fps + ",format=yuv420p,realtime";
    }
  }

  Pattern TESTSRC = Pattern.compile("testsrc(?::(\\d+)x(\\d+)(?:@(\\d+))?)?");

  /** Reads a {@code --source} value (see the interface doc). */
  static SourceSpec parse(String value) {
    String lower = value.toLowerCase(Locale.ROOT);
    if (lower.startsWith("rtsp://") || lower.startsWith("rtsps://")) {
      return new Rtsp(URI.create(value));
    }
    Matcher m = TESTSRC.matcher(value);
    if (m.matches()) {
      return m.group(1) == null
          ? new TestPattern(TestPattern.DEFAULT_WIDTH, TestPattern.DEFAULT_HEIGHT, TestPattern.DEFAULT_FPS)
          : new TestPattern(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
              m.group(3) == null ? TestPattern.DEFAULT_FPS : Integer.parseInt(m.group(3)));
    }
    if (value.startsWith("/dev/video")) {
      return new V4l2(Path.of(value));
    }
    return new File(Path.of(value));
  }
}
