package dev.argus.fragmentstore.media;

import dev.argus.fragmentstore.fragment.StoredFragment;
import dev.argus.parser.kvs.KvsTags;
import dev.argus.parser.mkv.SimpleTag;
import dev.argus.parser.mkv.Tag;
import dev.argus.parser.write.MkvWriter;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the MKV chunk a reader gets for one fragment, in the shape of Kinesis Video's GetMedia:
 *
 * <pre>
 * EBML header            the producer's, as stored
 * Segment (unknown size)
 *   Info, Tracks         the producer's, as stored
 *   Tags                 AWS_KINESISVIDEO_FRAGMENT_NUMBER, _SERVER_TIMESTAMP, _PRODUCER_TIMESTAMP
 *   Cluster              the producer's, as stored
 *   Tags                 GetMedia only: AWS_KINESISVIDEO_MILLIS_BEHIND_NOW, _CONTINUATION_TOKEN
 * </pre>
 *
 * One Tag per SimpleTag, as KVS writes them; timestamps as seconds with milliseconds. Pure.
 * In-process readers (the stream processors) take {@link #archived} chunks too.
 */
public final class MkvChunks {
  private MkvChunks() {
  }

  /** A GetMediaForFragmentList chunk: no tags after the cluster. */
  public static byte[] archived(StoredFragment fragment) {
    return chunk(fragment, List.of());
  }

  /** A GetMedia chunk; the continuation token is the fragment's own number. */
  static byte[] live(StoredFragment fragment, long millisBehindNow) {
    return chunk(fragment, List.of(
        SimpleTag.of(KvsTags.MILLIS_BEHIND_NOW, Long.toString(Math.max(0, millisBehindNow))),
        SimpleTag.of(KvsTags.CONTINUATION_TOKEN, fragment.meta().number().toString())));
  }

  private static byte[] chunk(StoredFragment fragment, List<SimpleTag> after) {
    byte[] ebml = fragment.header().ebmlHeader();
    byte[] info = fragment.header().segmentInfo();
    byte[] tracks = fragment.header().tracks();
    ByteArrayOutputStream out = new ByteArrayOutputStream(ebml.length + info.length + tracks.length
        + fragment.cluster().length + 512);
    MkvWriter writer = new MkvWriter(out);
    out.writeBytes(ebml);
    writer.writeSegmentStart();
    out.writeBytes(info);
    out.writeBytes(tracks);
    writer.writeTags(tags(List.of(
        SimpleTag.of(KvsTags.FRAGMENT_NUMBER, fragment.meta().number().toString()),
        SimpleTag.of(KvsTags.SERVER_TIMESTAMP,
            KvsTags.formatTimestamp(Instant.ofEpochMilli(fragment.meta().serverMillis()))),
        SimpleTag.of(KvsTags.PRODUCER_TIMESTAMP,
            KvsTags.formatTimestamp(Instant.ofEpochMilli(Math.max(0, fragment.meta().producerMillis())))))));
    out.writeBytes(fragment.cluster());
    writer.writeTags(tags(after));
    return out.toByteArray();
  }

  private static List<Tag> tags(List<SimpleTag> simpleTags) {
    List<Tag> tags = new ArrayList<>(simpleTags.size());
    for (SimpleTag simpleTag : simpleTags) {
      tags.add(Tag.of(List.of(simpleTag)));
    }
    return tags;
  }
}
