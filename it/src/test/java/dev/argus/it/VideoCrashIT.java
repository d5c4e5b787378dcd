package dev.argus.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.argus.parser.kvs.FragmentListener;
import dev.argus.parser.kvs.FragmentMetadata;
import dev.argus.parser.kvs.FragmentVisitor;
import dev.argus.parser.mkv.Frame;
import dev.argus.parser.mkv.MkvEvent;
import dev.argus.parser.mkv.MkvParser;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.kinesisvideo.KinesisVideoClient;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.KinesisVideoArchivedMediaClient;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.Fragment;

/**
 * Kills {@code argus server} with SIGKILL at seeded random moments while it receives PutMedia,
 * restarting it on the same data directory every round. After each restart every fragment that
 * was acknowledged PERSISTED in any round must be listed and read back with exactly the frames
 * the producer sent (byte for byte), and every visible fragment must be whole: no partial fragment
 * is ever visible. SIGKILL keeps the page cache, so this covers process crashes, not power loss.
 */
class VideoCrashIT {
  private static final int ROUNDS = 20;
  private static final long SEED = 20261125L;
  private static final String STREAM = "crash-cam";

  @TempDir Path dataDir;

  @Test
  void killedServerLosesNoPersistedFragment() throws Exception {
    byte[] clusters = Files.readAllBytes(Path.of(System.getProperty("argus.testdata"), "kvs", "clusters.mkv"));
    List<List<byte[]>> sourceFrames = framesByCluster(clusters);
    List<Long> sourceTimecodes = clusterTimecodes(clusters);
    Random random = new Random(SEED);
    Map<String, Long> persisted = new LinkedHashMap<>(); // fragment number -> producer millis
    long base = System.currentTimeMillis() - 3_600_000;
    int kills = 0;
    for (int round = 0; round <= ROUNDS; round++) {
      try (ArgusProcess argus = ArgusProcess.start(dataDir)) {
        if (round == 0) {
          try (KinesisVideoClient kvs = Clients.kinesisVideo(argus.endpoint())) {
            kvs.createStream(r -> r.streamName(STREAM).dataRetentionInHours(24));
          }
        }
        verify(argus, persisted, sourceFrames, sourceTimecodes, base);
        if (round == ROUNDS) {
          break;
        }
        long start = base + round * 60_000L;
        Set<String> acked = ConcurrentHashMap.newKeySet();
        Map<String, Long> ackedProducer = new ConcurrentHashMap<>();
        PutMediaClient client = PutMediaClient.start(argus.endpoint(), Map.of("x-amzn-stream-name", STREAM,
            "x-amzn-fragment-timecode-type", "RELATIVE", "x-amzn-producer-start-timestamp",
            String.format("%d.%03d", start / 1000, start % 1000)));
        long killAfterNanos = (50 + random.nextInt(1500)) * 1_000_000L;
        long began = System.nanoTime();
        try {
          for (int i = 0; i < clusters.length && System.nanoTime() - began < killAfterNanos; i += 8192) {
            client.send(clusters, i, Math.min(clusters.length, i + 8192));
            Thread.sleep(random.nextInt(4));
          }
        } catch (java.io.IOException ignored) {
          // the server may close the connection; the kill follows anyway
        }
        long left = killAfterNanos - (System.nanoTime() - began);
        if (left > 0) {
          Thread.sleep(left / 1_000_000);
        }
        argus.kill();
        kills++;
        client.close();
        try {
          PutMediaClient.Result result = client.result();
          for (JsonNode ack : result.acks("PERSISTED")) {
            persisted.put(ack.get("FragmentNumber").asText(), start + ack.get("FragmentTimecode").asLong());
          }
        } catch (Exception cut) {
          // the response broke off at the kill; the acks read before it were recorded by the reader
          collectPartial(client, persisted, start);
        }
      }
    }
    assertThat(kills).isEqualTo(ROUNDS);
    assertThat(persisted).isNotEmpty();
  }

  /** Acks read before the connection broke: the client's reader keeps them on failure too. */
  private static void collectPartial(PutMediaClient client, Map<String, Long> persisted, long start) {
    for (JsonNode ack : client.acksSoFar()) {
      if (ack.get("EventType").asText().equals("PERSISTED")) {
        persisted.put(ack.get("FragmentNumber").asText(), start + ack.get("FragmentTimecode").asLong());
      }
    }
  }

  private static void verify(ArgusProcess argus, Map<String, Long> persisted, List<List<byte[]>> sourceFrames,
      List<Long> sourceTimecodes, long base) throws Exception {
    try (KinesisVideoArchivedMediaClient archived = Clients.kinesisVideoArchivedMedia(argus.endpoint())) {
      List<Fragment> listed = new ArrayList<>();
      archived.listFragmentsPaginator(r -> r.streamName(STREAM).maxResults(1000L)).fragments().forEach(listed::add);
      Map<String, Fragment> byNumber = new HashMap<>();
      listed.forEach(f -> byNumber.put(f.fragmentNumber(), f));
      assertThat(byNumber.keySet()).containsAll(persisted.keySet());
      if (listed.isEmpty()) {
        return;
      }
      List<String> numbers = listed.stream().map(Fragment::fragmentNumber).toList();
      byte[] body = archived.getMediaForFragmentList(r -> r.streamName(STREAM).fragments(numbers),
          ResponseTransformer.toBytes()).asByteArray();
      Map<String, List<byte[]>> read = framesByFragment(body);
      assertThat(read.keySet()).containsExactlyElementsOf(numbers);
      for (Fragment fragment : listed) {
        long millis = fragment.producerTimestamp().toEpochMilli();
        long timecode = Math.floorMod(millis - base, 60_000L);
        int cluster = sourceTimecodes.indexOf(timecode);
        assertThat(cluster).as("fragment at %d ms is one the producer sent", millis).isNotNegative();
        List<byte[]> frames = read.get(fragment.fragmentNumber());
        List<byte[]> expected = sourceFrames.get(cluster);
        assertThat(frames).as("frames of %s", fragment.fragmentNumber()).hasSameSizeAs(expected);
        for (int i = 0; i < frames.size(); i++) {
          assertThat(frames.get(i)).isEqualTo(expected.get(i));
        }
      }
    }
  }

  private static Map<String, List<byte[]>> framesByFragment(byte[] mkv) {
    Map<String, List<byte[]>> frames = new LinkedHashMap<>();
    MkvParser parser = new MkvParser(new FragmentVisitor(new FragmentListener() {
      @Override
      public void onFrame(Frame frame, FragmentMetadata fragment) {
        frames.computeIfAbsent(fragment.fragmentNumber().orElseThrow(), k -> new ArrayList<>()).add(frame.bytes());
      }
    }));
    parser.feed(ByteBuffer.wrap(mkv));
    assertThat(parser.finish().truncated()).isFalse();
    return frames;
  }

  private static List<List<byte[]>> framesByCluster(byte[] mkv) {
    List<List<byte[]>> clusters = new ArrayList<>();
    MkvParser.parse(ByteBuffer.wrap(mkv), event -> {
      if (event instanceof MkvEvent.ClusterStart) {
        clusters.add(new ArrayList<>());
      } else if (event instanceof Frame frame) {
        clusters.get(clusters.size() - 1).add(frame.bytes());
      }
    });
    return clusters;
  }

  private static List<Long> clusterTimecodes(byte[] mkv) {
    List<Long> timecodes = new ArrayList<>();
    MkvParser.parse(ByteBuffer.wrap(mkv), event -> {
      if (event instanceof MkvEvent.ClusterStart start) {
        timecodes.add(start.timecode());
      }
    });
    return timecodes;
  }
}
