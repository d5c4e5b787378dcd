package dev.argus.app.demo;

import dev.argus.parser.decode.FfmpegFrameDecoder;
import dev.argus.parser.decode.VideoTrackDecoder;
import dev.argus.parser.mkv.MkvParser;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javax.imageio.ImageIO;

/**
 * The clip shipped in the jar ({@code bezos_vogels.mkv}, see NOTICE.md beside it) and reference
 * faces taken from video frames. Stateless.
 */
public final class DemoClip {

  static final String RESOURCE = "/dev/argus/app/demo/bezos_vogels.mkv";
  /** The picture of the shipped clip whose face is enrolled: 1 s in, person A alone, frontal. */
  public static final int REFERENCE_PICTURE = 30;
  /** The name the shipped clip's reference face is enrolled under. */
  static final String REFERENCE_NAME = "person-a";
  static final int READ_BYTES = 64 * 1024;

  private DemoClip() {
  }

  /** Copies the shipped clip to {@code dir} (the producer reads files); returns its path. */
  public static Path extract(Path dir) throws IOException {
    Path target = dir.resolve("bezos_vogels.mkv");
    try (InputStream in = DemoClip.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IOException("the demo clip " + RESOURCE + " is missing from the jar");
      }
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    }
    return target;
  }

  /** Picture {@code index} (decode order, from 0) of an MKV file as JPEG, decoded by our parser and FFmpeg. */
  public static byte[] pictureAsJpeg(Path mkv, int index) throws IOException {
    BufferedImage[] found = {null};
    long[] seen = {0};
    try (VideoTrackDecoder video = new VideoTrackDecoder(FfmpegFrameDecoder::open, picture -> {
      if (seen[0]++ == index) {
        found[0] = picture.toBufferedImage();
      }
    }); InputStream in = Files.newInputStream(mkv)) {
      MkvParser parser = new MkvParser(video);
      byte[] buffer = new byte[READ_BYTES];
      int n;
      while (found[0] == null && (n = in.read(buffer)) >= 0) {
        parser.feed(ByteBuffer.wrap(buffer, 0, n));
      }
      if (found[0] == null) {
        parser.finish();
      }
    }
    if (found[0] == null) {
      throw new IOException(mkv + " has fewer than " + (index + 1) + " pictures");
    }
    ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
    if (!ImageIO.write(found[0], "jpg", jpeg)) {
      throw new IllegalStateException("no JPEG writer in this JVM");
    }
    return jpeg.toByteArray();
  }
}
