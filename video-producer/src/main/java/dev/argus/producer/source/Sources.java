package dev.argus.producer.source;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Optional;

/** Opens the right {@link MediaSource} for a {@link SourceSpec}: passthrough when possible. */
public final class Sources {

  private Sources() {}

  /**
   * Opens {@code spec}: H.264 (and configured H.265) is copied as it is unless
   * {@link SourceOptions#forceEncode()}; anything else is encoded to H.264.
   *
   * @throws SourceException when the source cannot be opened or has no usable video
   */
  public static MediaSource open(SourceSpec spec, SourceOptions options) throws IOException {
    String what = describe(spec);
    if (spec instanceof SourceSpec.File f && !Files.isReadable(f.path())) {
      throw new SourceException("cannot read " + f.path());
    }
    if (!options.forceEncode()) {
      Optional<MediaSource> passthrough = PassthroughSource.open(spec, options, what);
      if (passthrough.isPresent()) {
        return passthrough.get();
      }
    }
    return EncodingSource.open(spec, options, what);
  }

  /** A human-readable name, with credentials removed. */
  public static String describe(SourceSpec spec) {
    if (spec instanceof SourceSpec.Rtsp r) {
      return r.redacted();
    } else if (spec instanceof SourceSpec.File f) {
      return f.path().toString();
    } else if (spec instanceof SourceSpec.V4l2 v) {
      return v.device().toString();
    }
    SourceSpec.TestPattern t = (SourceSpec.TestPattern) spec;
    return "testsrc " + t.width() + "x" + t.height() + "@" + t.fps();
  }
}
