package dev.argus.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.kinesisvideo.parser.ebml.MkvTypeInfos;
import com.amazonaws.kinesisvideo.parser.mkv.MkvDataElement;
import com.amazonaws.kinesisvideo.parser.mkv.MkvElementVisitor;
import com.amazonaws.kinesisvideo.parser.mkv.MkvEndMasterElement;
import com.amazonaws.kinesisvideo.parser.mkv.MkvStartMasterElement;
import com.amazonaws.kinesisvideo.parser.utilities.FragmentMetadata;
import com.amazonaws.kinesisvideo.parser.utilities.FragmentMetadataVisitor;
import com.amazonaws.kinesisvideo.parser.utilities.MkvTag;
import dev.argus.parser.mkv.MkvEvent;
import dev.argus.parser.mkv.MkvParser;
import dev.argus.parser.mkv.SimpleTag;
import dev.argus.parser.mkv.Tag;
import dev.argus.parser.write.MkvWriter;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.kinesisvideo.KinesisVideoClient;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.KinesisVideoArchivedMediaClient;
import software.amazon.awssdk.services.kinesisvideomedia.KinesisVideoMediaClient;
import software.amazon.awssdk.services.kinesisvideomedia.model.GetMediaResponse;
import software.amazon.awssdk.services.kinesisvideomedia.model.StartSelectorType;

/**
 * Fragment metadata end to end: a PutMedia body with the producer SDK's metadata Tags before
 * clusters.mkv's clusters (a persistent tag re-sent before each fragment, a non-persistent one
 * before one fragment only), then GetMedia and GetMediaForFragmentList through the SDK v2 clients,
 * read by the KVS parser library's FragmentMetadataVisitor with an MkvTagProcessor.
 */
class FragmentMetadataMediaIT {
  private static final String STREAM = "metadata-cam";
  /** The fragment (0-based) the non-persistent tag is sent for. */
  private static final int MOTION_FRAGMENT = 2;

  @TempDir
  static Path dataDir;

  private static ArgusProcess argus;
  private static KinesisVideoClient kvs;
  private static KinesisVideoMediaClient media;
  private static KinesisVideoArchivedMediaClient archived;

  @BeforeAll
  static void start() throws Exception {
    argus = ArgusProcess.start(dataDir);
    kvs = Clients.kinesisVideo(argus.endpoint());
    media = Clients.kinesisVideoMedia(argus.endpoint());
    archived = Clients.kinesisVideoArchivedMedia(argus.endpoint());
    kvs.createStream(r -> r.streamName(STREAM).dataRetentionInHours(24));
  }

  @AfterAll
  static void stop() throws Exception {
    Clients.closeAll(kvs, media, archived, argus);
  }

  /**
   * The SimpleTags of clusters.mkv's own Tags element (ffmpeg's COMPATIBLE_BRANDS, ENCODER, ...),
   * which sits between Tracks and the first Cluster: PutMedia takes every Tags element before a
   * Cluster as that fragment's metadata, so the first fragment has them too.
   */
  private static final Map<String, String> HEADER_TAGS = new LinkedHashMap<>();

  /** What the producer attached to fragment {@code i}. */
  private static Map<String, String> sentFor(int i) {
    Map<String, String> tags = new LinkedHashMap<>(i == 0 ? HEADER_TAGS : Map.of());
    tags.put("camera", "lobby-" + (i < 4 ? "a" : "b")); // persistent; its value changes once
    if (i == MOTION_FRAGMENT) {
      tags.put("motion", "true");
    }
    return tags;
  }

  /** clusters.mkv with {@link #sentFor} Tags (one Tag each, as the producer SDK writes) before each Cluster. */
  private static byte[] bodyWithMetadata() throws Exception {
    byte[] clusters = Files.readAllBytes(Path.of(System.getProperty("argus.testdata"), "kvs", "clusters.mkv"));
    List<long[]> spans = new ArrayList<>();
    MkvParser parser = new MkvParser(event -> {
      if (event instanceof MkvEvent.Tags tags && spans.isEmpty()) {
        tags.tags().forEach(t -> t.simpleTags().forEach(st -> HEADER_TAGS.put(st.name(), st.value())));
      } else if (event instanceof MkvEvent.ClusterStart start) {
        spans.add(new long[] {start.startOffset(), -1});
      } else if (event instanceof MkvEvent.ClusterEnd end) {
        spans.get(spans.size() - 1)[1] = end.endOffset();
      }
    });
    parser.feed(ByteBuffer.wrap(clusters));
    parser.finish();
    assertThat(spans).hasSize(8);
    assertThat(HEADER_TAGS).containsKey("ENCODER");
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(clusters, 0, (int) spans.get(0)[0]);
    for (int i = 0; i < spans.size(); i++) {
      List<Tag> tags = new ArrayList<>();
      Map<String, String> sent = new LinkedHashMap<>(sentFor(i));
      sent.keySet().removeAll(i == 0 ? HEADER_TAGS.keySet() : List.of()); // already in the body
      sent.forEach((name, value) -> tags.add(Tag.of(List.of(SimpleTag.of(name, value)))));
      new MkvWriter(body).writeTags(tags);
      body.write(clusters, (int) spans.get(i)[0], (int) (spans.get(i)[1] - spans.get(i)[0]));
    }
    return body.toByteArray();
  }

  @Test
  void theKvsParserLibrarySeesEachFragmentsMetadataBeforeItsCluster() throws Exception {
    long startMillis = System.currentTimeMillis() - 60_000;
    PutMediaClient.Result result;
    try (PutMediaClient client = PutMediaClient.start(argus.endpoint(), Map.of("x-amzn-stream-name", STREAM,
        "x-amzn-fragment-timecode-type", "RELATIVE",
        "x-amzn-producer-start-timestamp", String.format("%d.%03d", startMillis / 1000, startMillis % 1000)))) {
      client.sendAll(bodyWithMetadata(), 8 * 1024);
      result = client.result();
    }
    assertThat(result.acks("ERROR")).isEmpty();
    List<String> numbers = result.acks("PERSISTED").stream().map(a -> a.get("FragmentNumber").asText()).toList();
    assertThat(numbers).hasSize(8);
    Map<String, Map<String, String>> expected = new LinkedHashMap<>();
    for (int i = 0; i < numbers.size(); i++) {
      expected.put(numbers.get(i), sentFor(i));
    }

    try (ResponseInputStream<GetMediaResponse> in = media.getMedia(r -> r.streamName(STREAM)
        .startSelector(s -> s.startSelectorType(StartSelectorType.EARLIEST)))) {
      assertThat(readTags(in, numbers.get(7))).containsExactlyEntriesOf(expected);
      in.abort();
    }

    List<String> wanted = List.of(numbers.get(MOTION_FRAGMENT + 1), numbers.get(MOTION_FRAGMENT));
    InputStream list = archived.getMediaForFragmentList(r -> r.streamName(STREAM).fragments(wanted),
        ResponseTransformer.toBytes()).asInputStream();
    Map<String, Map<String, String>> listed = readTags(list, null);
    assertThat(listed.keySet()).containsExactlyElementsOf(wanted);
    assertThat(listed.get(wanted.get(0))).isEqualTo(sentFor(MOTION_FRAGMENT + 1)).doesNotContainKey("motion");
    assertThat(listed.get(wanted.get(1))).isEqualTo(sentFor(MOTION_FRAGMENT)).containsEntry("motion", "true");
  }

  /**
   * Reads chunks with the KVS parser library: the user tags its MkvTagProcessor is handed since
   * the previous Cluster, per the fragment number of the Cluster they precede. Stops after the
   * trailing tags of fragment {@code last}, or at the end of the input when it is null.
   */
  private static Map<String, Map<String, String>> readTags(InputStream in, String last) throws Exception {
    Map<String, String> pending = new LinkedHashMap<>();
    FragmentMetadataVisitor.MkvTagProcessor processor = new FragmentMetadataVisitor.MkvTagProcessor() {
      @Override
      public void process(MkvTag tag, Optional<FragmentMetadata> current) {
        pending.put(tag.getTagName(), tag.getTagValue());
      }

      @Override
      public void clear() {
      }
    };
    FragmentMetadataVisitor metadata = FragmentMetadataVisitor.create(Optional.of(processor));
    Map<String, Map<String, String>> byFragment = new LinkedHashMap<>();
    MkvElementVisitor clusters = new MkvElementVisitor() {
      @Override
      public void visit(MkvStartMasterElement start) {
        if (MkvTypeInfos.CLUSTER.equals(start.getElementMetaData().getTypeInfo())) {
          String number = metadata.getCurrentFragmentMetadata().orElseThrow().getFragmentNumberString();
          byFragment.put(number, new LinkedHashMap<>(pending));
          pending.clear();
        }
      }

      @Override
      public void visit(MkvEndMasterElement end) {
      }

      @Override
      public void visit(MkvDataElement data) {
      }
    };
    KvsParserReader.drive(in, () -> last != null && metadata.getContinuationToken().filter(last::equals).isPresent(),
        metadata, clusters);
    assertThat(pending).as("user tags after the last Cluster").isEmpty();
    return byFragment;
  }
}
