package dev.argus.parser.mkv;

import dev.argus.parser.ebml.EbmlIds;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;

/**
 * The open Segment and Cluster of an {@link MkvParser}: their bounds, when they end, and a known-size
 * Cluster's running CRC-32. Reports SegmentStart, ClusterStart, ClusterEnd and SegmentEnd.
 *
 * <p>Not thread-safe; owned by one parser.
 */
final class Containers {

  private final MkvListener listener;

  boolean inSegment;
  private long segmentStart;
  /** Absolute end of the open Segment's data, or -1 for unknown size. */
  private long segmentEnd;

  boolean inCluster;
  private long clusterStart;
  /** Where the open Cluster's children start. */
  long clusterDataStart;
  private long clusterSize;
  /** Absolute end of the open Cluster's data, or -1 for unknown size. */
  long clusterEnd;
  /** Whether ClusterStart was reported (the Timecode was read). */
  boolean clusterStarted;
  long clusterTimecode;

  /** A known-size Cluster's CRC-32, running over every byte after the CRC element. */
  private final CRC32 crc = new CRC32();
  boolean crcActive;
  private int crcStored;
  private long crcOffset;

  Containers(MkvListener listener) {
    this.listener = listener;
  }

  /**
   * Before an element {@code id} at {@code start} is handled: ends the unknown-size Cluster or
   * Segment it cannot belong to.
   */
  void beforeElement(int id, long start) {
    boolean topLevel = id == EbmlIds.EBML || id == MkvIds.SEGMENT;
    if (inCluster && clusterEnd < 0 && (topLevel || MkvIds.isSegmentChild(id))) {
      closeCluster(start);
    }
    if (inSegment && !inCluster && segmentEnd < 0 && topLevel) {
      closeSegment(start);
    }
  }

  /** Throws unless an element of {@code size} (-1 unknown) at {@code dataStart} fits its parents. */
  void checkBounds(int id, long start, long dataStart, long size) {
    if (size < 0) {
      boolean allowed = (id == MkvIds.SEGMENT && !inSegment) || (id == MkvIds.CLUSTER && inSegment && !inCluster);
      if (!allowed) {
        throw new MalformedMkvException(String.format("element 0x%X has unknown size", id), start);
      }
      return;
    }
    long end = dataStart + size;
    if ((inCluster && clusterEnd >= 0 && end > clusterEnd) || (inSegment && segmentEnd >= 0 && end > segmentEnd)) {
      throw new MalformedMkvException(String.format("element 0x%X overruns its parent", id), start);
    }
  }

  void openSegment(long start, long dataStart, long size) {
    inSegment = true;
    segmentStart = start;
    segmentEnd = size < 0 ? -1 : dataStart + size;
    listener.onEvent(new MkvEvent.SegmentStart(start, dataStart, size));
  }

  void openCluster(long start, long dataStart, long size) {
    inCluster = true;
    clusterStarted = false;
    clusterStart = start;
    clusterDataStart = dataStart;
    clusterSize = size;
    clusterEnd = size < 0 ? -1 : dataStart + size;
  }

  /** The open Cluster's Timecode was read at {@code offset}. */
  void clusterTimecode(long timecode, long offset) {
    if (clusterStarted) {
      throw new MalformedMkvException("second Timecode in a Cluster", offset);
    }
    clusterTimecode = timecode;
    clusterStarted = true;
    listener.onEvent(new MkvEvent.ClusterStart(clusterStart, clusterDataStart, clusterSize, timecode));
  }

  /** A CRC-32 element (stored little-endian) at {@code offset} now covers the rest of the open Cluster. */
  void startClusterCrc(int storedLittleEndian, long offset) {
    crcStored = Integer.reverseBytes(storedLittleEndian);
    crc.reset();
    crcActive = true;
    crcOffset = offset;
  }

  /** Runs the Cluster CRC over {@code [position, position + n)} of {@code in}, leaving its position. */
  void updateCrc(ByteBuffer in, int n) {
    int p = in.position();
    int limit = in.limit();
    in.limit(p + n);
    crc.update(in);
    in.limit(limit).position(p);
  }

  /** Closes every known-size container whose end is {@code position}. */
  void closeReached(long position) {
    while (true) {
      if (inCluster && clusterEnd >= 0 && position == clusterEnd) {
        closeCluster(position);
      } else if (inCluster && clusterEnd < 0 && inSegment && segmentEnd >= 0 && position == segmentEnd) {
        closeCluster(position);
      } else if (!inCluster && inSegment && segmentEnd >= 0 && position == segmentEnd) {
        closeSegment(position);
      } else {
        return;
      }
    }
  }

  /**
   * The input ended cleanly (between elements) at {@code position}: closes unknown-size containers.
   *
   * @return whether a known-size container was left open (the input is truncated)
   */
  boolean closeAtEnd(long position) {
    if (inCluster) {
      if (clusterEnd >= 0) {
        return true;
      }
      closeCluster(position);
    }
    if (inSegment) {
      if (segmentEnd >= 0) {
        return true;
      }
      closeSegment(position);
    }
    return false;
  }

  private void closeCluster(long end) {
    inCluster = false;
    if (!clusterStarted) {
      throw new MalformedMkvException("Cluster without a Timecode", clusterStart);
    }
    if (crcActive) {
      crcActive = false;
      if ((int) crc.getValue() != crcStored) {
        throw new CrcMismatchException(MkvIds.CLUSTER, crcOffset, crcStored, (int) crc.getValue());
      }
    }
    listener.onEvent(new MkvEvent.ClusterEnd(clusterStart, end));
  }

  private void closeSegment(long end) {
    if (inCluster) {
      closeCluster(end);
    }
    inSegment = false;
    listener.onEvent(new MkvEvent.SegmentEnd(segmentStart, end));
  }
}
