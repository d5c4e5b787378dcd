package dev.argus.app.mkv;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.argus.parser.kvs.FragmentMetadata;
import dev.argus.parser.mkv.TrackInfo;
import dev.argus.parser.summary.MkvSummarizer;
import dev.argus.parser.summary.MkvSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code argus mkv ...}: tools for MKV files and GetMedia captures. */
@Command(name = "mkv", mixinStandardHelpOptions = true, description = "Inspects MKV files and KVS GetMedia captures.",
    subcommands = {MkvCommand.Info.class})
public final class MkvCommand implements Runnable {

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * {@code argus mkv info FILE [--json]}: what the file holds, counted by a streaming parse (the
   * file is read in 1 MiB chunks, so its size does not matter). With {@code --json}: one JSON
   * object on stdout; timestamps are epoch seconds with milliseconds, as the AWS JSON APIs write them.
   */
  @Command(name = "info", mixinStandardHelpOptions = true,
      description = "Counts segments, clusters, blocks, key frames, tracks and KVS fragments of an MKV file.")
  static final class Info implements Callable<Integer> {

    private static final int CHUNK = 1 << 20;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "An MKV file or a GetMedia capture.")
    Path file;

    @Option(names = "--json", description = "Print one JSON object instead of a summary.")
    boolean json;

    @Option(names = "--no-verify-crc", description = "Do not check CRC-32 elements (for files whose CRCs went stale).")
    boolean noVerifyCrc;

    @Override
    public Integer call() throws IOException {
      MkvSummary summary = summarize();
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        out.println(new ObjectMapper().writeValueAsString(toJson(summary)));
      } else {
        printSummary(summary, out);
      }
      out.flush();
      return 0;
    }

    private MkvSummary summarize() throws IOException {
      MkvSummarizer summarizer = new MkvSummarizer(!noVerifyCrc);
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
        while (channel.read(buffer) >= 0) {
          summarizer.feed(buffer.flip());
          buffer.clear();
        }
      }
      return summarizer.finish();
    }

    private static ObjectNode toJson(MkvSummary s) {
      ObjectMapper mapper = new ObjectMapper();
      ObjectNode root = mapper.createObjectNode();
      root.put("bytes", s.bytes());
      root.put("segments", s.segments());
      root.put("clusters", s.clusters());
      root.put("blocks", s.blocks());
      root.put("frames", s.frames());
      root.put("keyFrames", s.keyFrames());
      ObjectNode perTrack = root.putObject("blocksPerTrack");
      s.blocksPerTrack().forEach((track, count) -> perTrack.put(Long.toString(track), count));
      ArrayNode tracks = root.putArray("tracks");
      for (TrackInfo t : s.tracks()) {
        ObjectNode track = tracks.addObject();
        track.put("number", t.number());
        track.put("type", t.type());
        track.put("codecId", t.codecId());
        if (t.pixelWidth() > 0 || t.pixelHeight() > 0) {
          track.put("width", t.pixelWidth());
          track.put("height", t.pixelHeight());
        }
        if (t.isAudio()) {
          track.put("samplingFrequency", t.samplingFrequency());
          track.put("channels", t.channels());
        }
      }
      root.put("tagNames", s.tagNames());
      ArrayNode fragments = root.putArray("kvsFragments");
      for (FragmentMetadata f : s.kvsFragments()) {
        ObjectNode fragment = fragments.addObject();
        fragment.put("fragmentNumber", f.fragmentNumber().orElse(null));
        putSeconds(fragment, "serverTimestamp", f.serverTimestamp());
        putSeconds(fragment, "producerTimestamp", f.producerTimestamp());
        f.millisBehindNow().ifPresent(v -> fragment.put("millisBehindNow", v));
        f.continuationToken().ifPresent(v -> fragment.put("continuationToken", v));
        f.errorCode().ifPresent(v -> fragment.put("errorCode", v));
        f.errorId().ifPresent(v -> fragment.put("errorId", v));
      }
      root.put("truncated", s.truncated());
      return root;
    }

    private static void putSeconds(ObjectNode node, String name, Optional<Instant> instant) {
      if (instant.isPresent()) {
        node.put(name, BigDecimal.valueOf(instant.get().toEpochMilli(), 3));
      } else {
        node.putNull(name);
      }
    }

    private static void printSummary(MkvSummary s, PrintWriter out) {
      out.printf("%d bytes%s%n", s.bytes(), s.truncated() ? " (TRUNCATED: ends inside an element)" : "");
      out.printf("%d segments, %d clusters, %d blocks (%d frames), %d key frames%n", s.segments(), s.clusters(),
          s.blocks(), s.frames(), s.keyFrames());
      for (TrackInfo t : s.tracks()) {
        String detail = t.isAudio() ? t.samplingFrequency() + " Hz, " + t.channels() + " channels"
            : t.pixelWidth() + "x" + t.pixelHeight();
        out.printf("track %d: %s, %s, %d blocks%n", t.number(), t.codecId(), detail,
            s.blocksPerTrack().getOrDefault(t.number(), 0L));
      }
      out.printf("%d KVS fragments%n", s.kvsFragments().size());
      for (FragmentMetadata f : s.kvsFragments()) {
        out.printf("  %s server %s producer %s%n", f.fragmentNumber().orElse("?"),
            f.serverTimestamp().map(Instant::toString).orElse("-"),
            f.producerTimestamp().map(Instant::toString).orElse("-"));
      }
    }
  }
}
