package dev.argus.fragmentstore.media;

import dev.argus.fragmentstore.fragment.FragmentNumber;
import dev.argus.fragmentstore.fragment.StoredFragment;
import dev.argus.fragmentstore.fragment.StreamHeader;
import dev.argus.parser.ebml.Vint;
import dev.argus.parser.mkv.MkvIds;
import dev.argus.parser.kvs.KvsTags;
import dev.argus.parser.mkv.SimpleTag;
import dev.argus.parser.mkv.Tag;
import dev.argus.parser.write.MkvWriter;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
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
 * A GetMedia reader at the live edge gets the same chunk in parts while the fragment arrives
 * ({@link #liveHead}, the fragment's pieces inside a Cluster of unknown size, {@link #liveTail});
 * if the fragment fails it ends with {@link #errorTail} instead.
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
    ByteArrayOutputStream out = new ByteArrayOutputStream(fragment.cluster().length + 1024);
    writeHead(out, fragment.header(), fragment.meta().number(), fragment.meta().producerMillis());
    out.writeBytes(fragment.cluster());
    new MkvWriter(out).writeTags(tags(after));
    return out.toByteArray();
  }

  /**
   * The start of a GetMedia chunk for a fragment still arriving: everything up to and including
   * the header of a Cluster of unknown size (ID, then the 8-byte all-ones size), whose data (the
   * {@link LiveFragment} pieces) follows as it arrives. The Tags that end the chunk
   * ({@link #liveTail} or {@link #errorTail}) are Segment-level, so they end the Cluster too.
   */
  static byte[] liveHead(StreamHeader header, FragmentNumber number, long producerMillis) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
    writeHead(out, header, number, producerMillis);
    ByteBuffer cluster = ByteBuffer.allocate(LiveFragment.CLUSTER_HEADER_BYTES);
    Vint.putId(cluster, MkvIds.CLUSTER);
    Vint.putUnknownSize(cluster, Vint.MAX_SIZE_LENGTH);
    out.write(cluster.array(), 0, cluster.position());
    return out.toByteArray();
  }

  /** The end of a live chunk once its fragment is stored: as {@link #live}'s trailing Tags. */
  static byte[] liveTail(FragmentNumber number, long millisBehindNow) {
    return tagsOf(List.of(
        SimpleTag.of(KvsTags.MILLIS_BEHIND_NOW, Long.toString(Math.max(0, millisBehindNow))),
        SimpleTag.of(KvsTags.CONTINUATION_TOKEN, number.toString())));
  }

  /**
   * The end of a live chunk whose fragment failed: AWS_KINESISVIDEO_ERROR_CODE and _ERROR_ID (the
   * PutMedia error), and no continuation token, since the fragment was never stored.
   */
  static byte[] errorTail(AckErrorCode error) {
    return tagsOf(List.of(SimpleTag.of(KvsTags.ERROR_CODE, error.name()),
        SimpleTag.of(KvsTags.ERROR_ID, Integer.toString(error.id()))));
  }

  private static byte[] tagsOf(List<SimpleTag> simpleTags) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    new MkvWriter(out).writeTags(tags(simpleTags));
    return out.toByteArray();
  }

  private static void writeHead(ByteArrayOutputStream out, StreamHeader header, FragmentNumber number,
      long producerMillis) {
    MkvWriter writer = new MkvWriter(out);
    out.writeBytes(header.ebmlHeader());
    writer.writeSegmentStart();
    out.writeBytes(header.segmentInfo());
    out.writeBytes(header.tracks());
    writer.writeTags(tags(List.of(
        SimpleTag.of(KvsTags.FRAGMENT_NUMBER, number.toString()),
        SimpleTag.of(KvsTags.SERVER_TIMESTAMP, KvsTags.formatTimestamp(Instant.ofEpochMilli(number.serverMillis()))),
        SimpleTag.of(KvsTags.PRODUCER_TIMESTAMP,
            KvsTags.formatTimestamp(Instant.ofEpochMilli(Math.max(0, producerMillis)))))));
  }

  private static List<Tag> tags(List<SimpleTag> simpleTags) {
    List<Tag> tags = new ArrayList<>(simpleTags.size());
    for (SimpleTag simpleTag : simpleTags) {
      tags.add(Tag.of(List.of(simpleTag)));
    }
    return tags;
  }
}
