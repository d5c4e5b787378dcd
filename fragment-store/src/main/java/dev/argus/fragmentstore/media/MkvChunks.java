package dev.argus.fragmentstore.media;

import dev.argus.fragmentstore.fragment.FragmentNumber;
import dev.argus.fragmentstore.fragment.MetadataTag;
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
 *   Tags (one per tag)   the fragment's metadata tags, as stored, in the order sent (if any)
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
 * In-process readers (the stream processors, through {@link LiveTail}) get the same chunks.
 *
 * <p>Fragment metadata placement. Kinesis Video documents that metadata a producer attaches to a
 * fragment is stored with it and "made available as part of" GetMedia and GetMediaForFragmentList
 * (developer guide, "Using streaming metadata"), read with the parser library's
 * {@code FragmentMetadataVisitor.MkvTagProcessor}; it does not document the layout. What we found:
 * <ul>
 *   <li>The producer SDK (PIC {@code Stream.c}, putFrame) packages pending metadata "after the MKV
 *       header but before the cluster" of the fragment it is for, as Tags elements.</li>
 *   <li>A real GetMedia capture of a stream with metadata (the parser library's
 *       {@code test_mixed_tags.mkv}, in testdata/kvs) has each user tag as its own Tags element
 *       (one Tag, one SimpleTag); in its first chunk they come after Tracks and before the Tags
 *       element with AWS_KINESISVIDEO_FRAGMENT_NUMBER, which precedes the Cluster. (In later chunks
 *       Kinesis Video shows the tags sent before the next Cluster after this chunk's Cluster, as it
 *       cuts fragments at Cluster starts; Argus keeps them with the fragment they were sent for.)</li>
 *   <li>The parser library's FragmentMetadataVisitor (1.2.5) hands every SimpleTag whose name does
 *       not start with {@code AWS_KINESISVIDEO} to the tag processor, wherever its Tags element is.</li>
 * </ul>
 * So a chunk carries its fragment's metadata as the first chunk of that capture does: one Tags
 * element per tag, in the order sent, between Tracks and the AWS tags before the Cluster.
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
    writeHead(out, fragment.header(), fragment.meta().number(), fragment.meta().producerMillis(),
        fragment.metadata());
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
  static byte[] liveHead(StreamHeader header, FragmentNumber number, long producerMillis,
      List<MetadataTag> metadata) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
    writeHead(out, header, number, producerMillis, metadata);
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
      long producerMillis, List<MetadataTag> metadata) {
    MkvWriter writer = new MkvWriter(out);
    out.writeBytes(header.ebmlHeader());
    writer.writeSegmentStart();
    out.writeBytes(header.segmentInfo());
    out.writeBytes(header.tracks());
    for (MetadataTag tag : metadata) {
      writer.writeTags(List.of(Tag.of(List.of(SimpleTag.of(tag.name(), tag.value())))));
    }
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
