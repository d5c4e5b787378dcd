package dev.argus.parser.summary;

import dev.argus.parser.kvs.FragmentMetadata;
import dev.argus.parser.mkv.TrackInfo;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What is in an MKV stream, counted: what {@code argus mkv info} prints.
 *
 * @param bytes bytes read
 * @param segments Segments started
 * @param clusters Clusters started (a truncated last one counts)
 * @param blocks complete SimpleBlocks and BlockGroups (a laced block counts once)
 * @param frames frames (one per lace)
 * @param keyFrames blocks flagged as key frames
 * @param blocksPerTrack block count per track number, ascending
 * @param tracks each distinct track number's last TrackEntry, by track number
 * @param tagNames SimpleTag elements, nested ones included
 * @param clusterTimecodes each Cluster's Timecode, in order
 * @param blocksPerCluster each Cluster's block count, in order
 * @param kvsFragments the metadata of each fragment that has an AWS_KINESISVIDEO_FRAGMENT_NUMBER, in order
 * @param truncated whether the input ended inside an element
 */
public record MkvSummary(long bytes, int segments, int clusters, long blocks, long frames, long keyFrames,
    Map<Long, Long> blocksPerTrack, List<TrackInfo> tracks, long tagNames, List<Long> clusterTimecodes,
    List<Integer> blocksPerCluster, List<FragmentMetadata> kvsFragments, boolean truncated) {

  public MkvSummary {
    blocksPerTrack = Collections.unmodifiableMap(new TreeMap<>(blocksPerTrack));
    tracks = List.copyOf(tracks);
    clusterTimecodes = List.copyOf(clusterTimecodes);
    blocksPerCluster = List.copyOf(blocksPerCluster);
    kvsFragments = List.copyOf(kvsFragments);
  }
}
