package dev.argus.fragmentstore.media;

import dev.argus.fragmentstore.fragment.FragmentDraft;
import dev.argus.fragmentstore.fragment.MetadataTag;
import dev.argus.fragmentstore.fragment.StreamHeader;
import dev.argus.fragmentstore.store.StoreConfig;
import dev.argus.parser.ebml.Vint;
import dev.argus.parser.mkv.Frame;
import dev.argus.parser.mkv.MkvEvent;
import dev.argus.parser.mkv.MkvException;
import dev.argus.parser.mkv.MkvIds;
import dev.argus.parser.mkv.MkvParser;
import dev.argus.parser.mkv.TimecodeOverflowException;
import dev.argus.parser.mkv.TrackInfo;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns a PutMedia body, fed in chunks of any size, into {@link IngestEvent}s: the pure core of
 * PutMedia. It runs the push {@link MkvParser} and keeps only the bytes it may still need to slice
 * out raw: the open top-level element and, inside a fragment, the bytes after its last block. The
 * Cluster's data up to its last block is kept once, as the pieces it published in
 * {@link IngestEvent.FrameArrived}s (the same arrays the live readers get), and copied once into
 * the stored cluster when the fragment ends.
 *
 * <p>Rules (each an {@link IngestEvent.Failed} with its KVS error, after which the assembler is
 * failed and ignores further input):
 * <ul>
 *   <li>malformed or truncated MKV, or a Cluster before any Tracks: 4006 INVALID_MKV_DATA</li>
 *   <li>a Cluster above {@link #maxFragmentBytes}: 4001 MAX_FRAGMENT_SIZE_REACHED</li>
 *   <li>a frame more than {@link #DEFAULT_MAX_FRAGMENT_MILLIS} after its cluster's timecode:
 *       4002 MAX_FRAGMENT_DURATION_REACHED</li>
 *   <li>a fragment whose first frame is not later than the previous fragment's last frame:
 *       4004 FRAGMENT_TIMECODE_LESSER_THAN_PREVIOUS</li>
 *   <li>a block whose track is not in Tracks: 4010 TRACK_NUMBER_MISMATCH</li>
 *   <li>Tracks with more than {@link #DEFAULT_MAX_TRACKS} entries: 4005 MORE_THAN_ALLOWED_TRACKS_FOUND</li>
 *   <li>a cluster or frame whose absolute producer timestamp is before the epoch or after
 *       {@link #MAX_PRODUCER_MILLIS}: 4007 INVALID_PRODUCER_TIMESTAMP</li>
 *   <li>a fragment without a frame for one of the header's tracks: 4011 FRAMES_MISSING_FOR_TRACK</li>
 *   <li>fragment metadata (the SimpleTags of the Tags elements sent before a fragment's Cluster, as
 *       the KVS producer SDK writes them): more than {@link #DEFAULT_MAX_FRAGMENT_METADATA} for one
 *       fragment is 4009 FRAGMENT_METADATA_LIMIT_REACHED; a name that is empty, longer than
 *       {@link #MAX_METADATA_NAME_CHARS} or starts with the reserved {@link #RESERVED_METADATA_PREFIX},
 *       or a value longer than {@link #MAX_METADATA_VALUE_CHARS}, is 4012 INVALID_FRAGMENT_METADATA</li>
 * </ul>
 * The valid metadata tags sent before a fragment's Cluster (since the previous Cluster began) go
 * with that fragment ({@link IngestEvent.FragmentStarted#metadata}, {@link IngestEvent.FragmentReady#metadata}),
 * to be stored with it. The producer SDK re-sends persistent metadata before every fragment and
 * non-persistent metadata before the next one only, so each fragment gets exactly what was sent
 * for it; nothing carries over. Nested SimpleTags are not metadata and are not kept.
 * The connection-level 4003 MAX_CONNECTION_DURATION_REACHED is the {@link PutMediaHandler}'s.
 * Each valid block also yields a {@link IngestEvent.FrameArrived} as soon as it is parsed, for
 * live readers. A Cluster of unknown size (as live producers send) ends when the next Cluster, Segment or EBML
 * header starts, or at the end of the body; it is stored re-framed with its known size. Memory:
 * at most one fragment ({@code maxFragmentBytes}) plus one parser element.
 *
 * <p>Not thread-safe: one per PutMedia connection.
 */
final class FragmentAssembler {
  /** Longest fragment KVS accepts: 10 s. */
  static final long DEFAULT_MAX_FRAGMENT_MILLIS = 10_000;
  /** Most tracks a KVS stream may have. */
  static final int DEFAULT_MAX_TRACKS = 3;
  /** Most fragment metadata tags KVS takes per fragment (the producer SDK's limit). */
  static final int DEFAULT_MAX_FRAGMENT_METADATA = FragmentDraft.MAX_METADATA_TAGS;
  static final int MAX_METADATA_NAME_CHARS = MetadataTag.MAX_NAME_CHARS;
  static final int MAX_METADATA_VALUE_CHARS = MetadataTag.MAX_VALUE_CHARS;
  /** Metadata names KVS keeps for itself (its own AWS_KINESISVIDEO_* tags). */
  static final String RESERVED_METADATA_PREFIX = "AWS";
  /**
   * The latest producer timestamp taken, in epoch ms: the last millisecond whose nanoseconds fit a
   * long (2262-04-11), as frame timestamps are kept in nanoseconds.
   */
  static final long MAX_PRODUCER_MILLIS = Long.MAX_VALUE / 1_000_000L;
  private static final int CLUSTER_HEADER_BYTES = 4 + Vint.MAX_SIZE_LENGTH;

  private final long producerBaseMillis;
  private final int maxFragmentBytes;
  private final MkvParser parser;
  private final List<IngestEvent> out = new ArrayList<>();

  /** The bytes fed from absolute offset {@link #windowStart}. */
  private byte[] window = new byte[64 * 1024];
  private int windowLength;
  private long windowStart;
  /** Offset below which no byte is needed any more. */
  private long lowWater;

  private byte[] ebml;
  private byte[] info;
  private long timecodeScale = StreamHeader.DEFAULT_TIMECODE_SCALE;
  private StreamHeader header;

  private boolean inCluster;
  private long clusterTimecodeMillis;
  private int frames;
  /** Per header track (same order): whether the open fragment has a frame of it. */
  private boolean[] trackHasFrame = new boolean[0];
  /** Metadata tags sent since the last fragment started: they belong to the next one. */
  private final PendingMetadata pendingMetadata = new PendingMetadata();
  /** The open fragment's metadata tags. */
  private List<MetadataTag> metadata = List.of();
  private long firstFrameMillis;
  private long lastFrameMillis;
  /** Offset up to which the open cluster's data went out in {@link IngestEvent.FrameArrived}s. */
  private long publishedTo;
  /** The open cluster's start offset (its ID). */
  private long clusterStart;
  /** The open cluster's data up to {@link #publishedTo}: the published pieces, in order. */
  private final List<byte[]> clusterPieces = new ArrayList<>();
  private long clusterPieceBytes;
  /** The previous stored fragment's last frame, absolute ms; MIN_VALUE before the first. */
  private long previousLastFrameMillis = Long.MIN_VALUE;
  private boolean failed;

  /**
   * @param producerBaseMillis added to timecodes to get producer timestamps: 0 for ABSOLUTE, the
   *     producer start timestamp for RELATIVE
   */
  FragmentAssembler(long producerBaseMillis, int maxFragmentBytes) {
    this.producerBaseMillis = producerBaseMillis;
    this.maxFragmentBytes = maxFragmentBytes;
    this.parser = new MkvParser(this::onEvent);
  }

  FragmentAssembler(long producerBaseMillis) {
    this(producerBaseMillis, StoreConfig.MAX_FRAGMENT_BYTES);
  }

  boolean failed() {
    return failed;
  }

  /** Whether a fragment has begun and not ended. */
  boolean inFragment() {
    return inCluster;
  }

  /** The open fragment's cluster timecode in ms, as the acks carry it; only while {@link #inFragment()}. */
  long fragmentTimecodeMillis() {
    return clusterTimecodeMillis;
  }

  /** Feeds the next bytes of the body (copied; the caller keeps its buffer) and returns the events. */
  List<IngestEvent> feed(ByteBuffer chunk) {
    out.clear();
    if (failed || !chunk.hasRemaining()) {
      return List.copyOf(out);
    }
    append(chunk.duplicate());
    try {
      parser.feed(chunk.duplicate());
    } catch (TimecodeOverflowException e) {
      fail(AckErrorCode.INVALID_PRODUCER_TIMESTAMP, "a timecode beyond what nanoseconds can hold: " + e.getMessage());
    } catch (MkvException e) {
      fail(AckErrorCode.INVALID_MKV_DATA, "invalid MKV at byte " + e.offset() + ": " + e.getMessage());
    }
    if (!failed && inCluster && parser.position() - clusterStart > maxFragmentBytes) {
      fail(AckErrorCode.MAX_FRAGMENT_SIZE_REACHED, "fragment exceeds " + maxFragmentBytes + " bytes");
    }
    trim();
    return List.copyOf(out);
  }

  /** Ends the body: closes an open unknown-size fragment, or fails on truncation. */
  List<IngestEvent> finish() {
    out.clear();
    if (!failed) {
      try {
        MkvEvent.EndOfStream end = parser.finish();
        if (end.truncated() && !failed) {
          fail(AckErrorCode.INVALID_MKV_DATA, "the body ended inside an element");
        }
      } catch (TimecodeOverflowException e) {
        fail(AckErrorCode.INVALID_PRODUCER_TIMESTAMP, "a timecode beyond what nanoseconds can hold: " + e.getMessage());
      } catch (MkvException e) {
        fail(AckErrorCode.INVALID_MKV_DATA, "invalid MKV at the end: " + e.getMessage());
      }
    }
    return List.copyOf(out);
  }

  private void onEvent(MkvEvent event) {
    if (failed) {
      return;
    }
    if (event instanceof MkvEvent.Ebml e) {
      ebml = slice(e.startOffset(), e.endOffset());
      info = null;
      header = null;
      timecodeScale = StreamHeader.DEFAULT_TIMECODE_SCALE;
      lowWater = e.endOffset();
    } else if (event instanceof MkvEvent.Info e) {
      info = slice(e.startOffset(), e.endOffset());
      timecodeScale = e.info().timecodeScale();
      lowWater = e.endOffset();
    } else if (event instanceof MkvEvent.Tracks e) {
      onTracks(e);
    } else if (event instanceof MkvEvent.ClusterStart e) {
      onClusterStart(e);
    } else if (event instanceof Frame f) {
      onFrame(f);
    } else if (event instanceof MkvEvent.ClusterEnd e) {
      onClusterEnd(e);
    } else if (event instanceof MkvEvent.Tags e) {
      onTags(e);
    } else if (event instanceof MkvEvent.Skipped e) {
      lowWater = inCluster ? lowWater : e.endOffset();
    }
  }

  private void onTracks(MkvEvent.Tracks e) {
    if (ebml == null) {
      fail(AckErrorCode.INVALID_MKV_DATA, "Tracks before an EBML header");
      return;
    }
    if (e.tracks().size() > DEFAULT_MAX_TRACKS) {
      fail(AckErrorCode.MORE_THAN_ALLOWED_TRACKS_FOUND, e.tracks().size() + " tracks; at most "
          + DEFAULT_MAX_TRACKS + " are allowed");
      return;
    }
    List<Long> numbers = e.tracks().stream().map(TrackInfo::number).toList();
    header = new StreamHeader(ebml, info == null ? new byte[0] : info, slice(e.startOffset(), e.endOffset()),
        timecodeScale, numbers);
    lowWater = e.endOffset();
    out.add(new IngestEvent.HeaderReady(header));
  }

  private void onClusterStart(MkvEvent.ClusterStart e) {
    if (header == null) {
      fail(AckErrorCode.INVALID_MKV_DATA, "a Cluster before the Tracks");
      return;
    }
    inCluster = true;
    clusterStart = e.startOffset();
    lowWater = e.dataOffset();
    clusterPieces.clear();
    clusterPieceBytes = 0;
    frames = 0;
    publishedTo = e.dataOffset();
    trackHasFrame = new boolean[header.trackNumbers().size()];
    metadata = pendingMetadata.take();
    try {
      clusterTimecodeMillis = header.toMillis(e.timecode());
    } catch (ArithmeticException overflow) { // the parser checked its own scale; this is the header's
      inCluster = false; // no timecode for the ack
      fail(AckErrorCode.INVALID_PRODUCER_TIMESTAMP, "cluster timecode " + e.timecode() + " overflows nanoseconds");
      return;
    }
    out.add(new IngestEvent.FragmentStarted(clusterTimecodeMillis, metadata));
    if (e.size() > maxFragmentBytes) {
      fail(AckErrorCode.MAX_FRAGMENT_SIZE_REACHED, "fragment of " + e.size() + " bytes");
    } else {
      checkProducerMillis(producerMillis(), "the cluster");
    }
  }

  private void checkProducerMillis(long millis, String what) {
    if (millis < 0 || millis > MAX_PRODUCER_MILLIS) {
      fail(AckErrorCode.INVALID_PRODUCER_TIMESTAMP, what + " has producer timestamp " + millis
          + " ms, outside [0, " + MAX_PRODUCER_MILLIS + "]");
    }
  }

  /** Fragment metadata: kept for the next fragment, each tag checked. */
  private void onTags(MkvEvent.Tags e) {
    lowWater = inCluster ? lowWater : e.endOffset();
    PendingMetadata.Refusal refusal = pendingMetadata.add(e.tags());
    if (refusal != null) {
      fail(refusal.code(), refusal.reason());
    }
  }

  private void onFrame(Frame f) {
    if (!inCluster) {
      return;
    }
    int track = header.trackNumbers().indexOf(f.trackNumber());
    if (track < 0) {
      fail(AckErrorCode.TRACK_NUMBER_MISMATCH, "block of track " + f.trackNumber() + "; Tracks has "
          + header.trackNumbers());
      return;
    }
    trackHasFrame[track] = true;
    long millis = producerBaseMillis + Math.floorDiv(f.timestampNanos(), 1_000_000L);
    checkProducerMillis(millis, "a frame");
    if (failed) {
      return;
    }
    if (frames == 0) {
      if (millis <= previousLastFrameMillis) {
        fail(AckErrorCode.FRAGMENT_TIMECODE_LESSER_THAN_PREVIOUS, "first frame at " + millis
            + " ms is not after the previous fragment's last frame at " + previousLastFrameMillis + " ms");
        return;
      }
      firstFrameMillis = millis;
      lastFrameMillis = millis;
    }
    frames++;
    lastFrameMillis = Math.max(lastFrameMillis, millis);
    if (lastFrameMillis - producerMillis() > DEFAULT_MAX_FRAGMENT_MILLIS) {
      fail(AckErrorCode.MAX_FRAGMENT_DURATION_REACHED, "fragment longer than " + DEFAULT_MAX_FRAGMENT_MILLIS + " ms");
      return;
    }
    if (f.endOffset() > publishedTo) {
      byte[] piece = slice(publishedTo, f.endOffset());
      out.add(new IngestEvent.FrameArrived(piece));
      clusterPieces.add(piece);
      clusterPieceBytes += piece.length;
      publishedTo = f.endOffset();
      lowWater = publishedTo;
    }
  }

  private long producerMillis() {
    return producerBaseMillis + clusterTimecodeMillis;
  }

  private void onClusterEnd(MkvEvent.ClusterEnd e) {
    if (!inCluster) {
      return;
    }
    for (int i = 0; i < trackHasFrame.length; i++) {
      if (!trackHasFrame[i]) {
        fail(AckErrorCode.FRAMES_MISSING_FOR_TRACK, "the fragment has no frame of track "
            + header.trackNumbers().get(i));
        return;
      }
    }
    inCluster = false;
    long producer = producerMillis();
    byte[] cluster = storedCluster(e.endOffset());
    int duration = frames == 0 ? 0 : (int) Math.max(0, lastFrameMillis - producer);
    if (frames > 0) {
      previousLastFrameMillis = lastFrameMillis;
    }
    lowWater = e.endOffset();
    out.add(new IngestEvent.FragmentReady(clusterTimecodeMillis, producer, duration, frames, cluster, metadata));
  }

  /**
   * The cluster as stored: its ID, an 8-byte known size (whatever size it was sent with), then its
   * data, the published pieces and the bytes after the last block up to {@code end}.
   */
  private byte[] storedCluster(long end) {
    byte[] tail = slice(publishedTo, end);
    long dataLength = clusterPieceBytes + tail.length;
    byte[] framed = new byte[(int) (CLUSTER_HEADER_BYTES + dataLength)];
    ByteBuffer out = ByteBuffer.wrap(framed);
    Vint.putId(out, MkvIds.CLUSTER);
    Vint.putSize(out, dataLength, Vint.MAX_SIZE_LENGTH);
    for (byte[] piece : clusterPieces) {
      out.put(piece);
    }
    out.put(tail);
    clusterPieces.clear();
    clusterPieceBytes = 0;
    return framed;
  }

  private void fail(AckErrorCode code, String reason) {
    if (failed) {
      return;
    }
    failed = true;
    out.add(new IngestEvent.Failed(code, inCluster ? clusterTimecodeMillis : null, reason));
    window = new byte[0];
    windowLength = 0;
    clusterPieces.clear();
  }

  private byte[] slice(long start, long end) {
    if (start < windowStart || end > windowStart + windowLength) {
      throw new IllegalStateException("bytes [" + start + ", " + end + ") left the window at " + windowStart);
    }
    return Arrays.copyOfRange(window, (int) (start - windowStart), (int) (end - windowStart));
  }

  private void append(ByteBuffer chunk) {
    int n = chunk.remaining();
    if (windowLength + n > window.length) {
      window = Arrays.copyOf(window, Math.max(window.length * 2, windowLength + n));
    }
    chunk.get(window, windowLength, n);
    windowLength += n;
  }

  /** Drops bytes below the low-water mark. */
  private void trim() {
    if (failed) {
      return;
    }
    long keepFrom = Math.min(lowWater, windowStart + windowLength);
    int drop = (int) (keepFrom - windowStart);
    if (drop <= 0) {
      return;
    }
    System.arraycopy(window, drop, window, 0, windowLength - drop);
    windowLength -= drop;
    windowStart = keepFrom;
    if (window.length > 1 << 20 && windowLength < window.length / 4) {
      window = Arrays.copyOf(window, Math.max(64 * 1024, windowLength * 2));
    }
  }
}
