package dev.argus.app.mkv;

import dev.argus.parser.decode.DecodedFrame;
import dev.argus.parser.decode.FfmpegFrameDecoder;
import dev.argus.parser.decode.FrameSink;
import dev.argus.parser.decode.JcodecFrameDecoder;
import dev.argus.parser.decode.VideoTrackDecoder;
import dev.argus.parser.mkv.MkvEvent;
import dev.argus.parser.mkv.MkvParser;
import dev.argus.parser.mkv.ParserLimits;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code argus mkv frames FILE --out DIR [--every N]}: decodes the first H.264/H.265 video track
 * of an MKV file (one or several Segments, as GetMedia returns) and writes every Nth picture as
 * {@code DIR/frame-NNNNNN.jpg}, numbered by picture index from 0. Prints one summary line to
 * stdout. The file is read in {@value #READ_BYTES}-byte chunks through our streaming parser, so
 * memory stays bounded whatever the file's size.
 */
@Command(name = "frames", mixinStandardHelpOptions = true,
    description = "Decode an MKV file's video track and write every Nth picture as a JPEG.")
public final class MkvFramesCommand implements Callable<Integer> {

  static final int READ_BYTES = 1 << 20;

  /** Which decoder runs. */
  enum Decoder { ffmpeg, jcodec }

  @Parameters(index = "0", paramLabel = "FILE", description = "The MKV file.")
  private Path file;

  @Option(names = "--out", required = true, paramLabel = "DIR",
      description = "Directory for the JPEGs (created if missing).")
  private Path out;

  @Option(names = "--every", defaultValue = "1", paramLabel = "N",
      description = "Write every Nth picture (default: ${DEFAULT-VALUE}).")
  private int every;

  @Option(names = "--decoder", defaultValue = "ffmpeg", paramLabel = "NAME",
      description = "ffmpeg (default) or jcodec (pure Java, slower).")
  private Decoder decoder;

  @Option(names = "--no-verify-crc",
      description = "Do not check CRC-32 elements (for files whose CRCs went stale).")
  private boolean noVerifyCrc;

  @CommandLine.Spec
  private CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    if (every < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--every must be at least 1");
    }
    Files.createDirectories(out);
    JpegSink jpegs = new JpegSink(out, every);
    MkvEvent.EndOfStream end;
    try (VideoTrackDecoder video = new VideoTrackDecoder(decoder == Decoder.jcodec
        ? JcodecFrameDecoder::open : FfmpegFrameDecoder::open, jpegs)) {
      MkvParser parser = new MkvParser(video, ParserLimits.DEFAULT, !noVerifyCrc);
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
        ByteBuffer chunk = ByteBuffer.allocate(READ_BYTES);
        while (channel.read(chunk) >= 0) {
          parser.feed(chunk.flip());
          chunk.clear();
        }
      }
      end = parser.finish();
      if (video.trackNumber().isEmpty()) {
        throw new IllegalStateException(file + " has no H.264 or H.265 video track");
      }
      if (video.failure().isPresent()) {
        throw new IllegalStateException("decoding stopped: " + video.failure().get().getMessage());
      }
      spec.commandLine().getOut().printf("wrote %d JPEGs to %s: every %d of %d pictures from %d"
          + " packets of track %d, %d packets skipped%s%n", jpegs.written, out, every,
          video.pictures(), video.packets(), video.trackNumber().get(), video.skippedPackets(),
          end.truncated() ? "; the file is truncated" : "");
    }
    return 0;
  }

  /** Writes every Nth picture through a reused image; not thread-safe. */
  private static final class JpegSink implements FrameSink {
    private final Path directory;
    private final int every;
    private BufferedImage image;
    private long seen;
    private long written;

    JpegSink(Path directory, int every) {
      this.directory = directory;
      this.every = every;
    }

    @Override
    public void accept(DecodedFrame frame) {
      long index = seen++;
      if (index % every != 0) {
        return;
      }
      if (image == null || image.getWidth() != frame.width()
          || image.getHeight() != frame.height()) {
        image = new BufferedImage(frame.width(), frame.height(), BufferedImage.TYPE_3BYTE_BGR);
      }
      frame.copyTo(image);
      Path target = directory.resolve(String.format("frame-%06d.jpg", index));
      try {
        if (!ImageIO.write(image, "jpg", target.toFile())) {
          throw new IllegalStateException("no JPEG writer in this JVM");
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + target, e);
      }
      written++;
    }
  }
}
