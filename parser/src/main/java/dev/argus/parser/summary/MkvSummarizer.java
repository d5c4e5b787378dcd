package dev.argus.parser.summary;

import dev.argus.parser.kvs.FragmentListener;
import dev.argus.parser.kvs.FragmentMetadata;
import dev.argus.parser.kvs.FragmentVisitor;
import dev.argus.parser.mkv.Frame;
import dev.argus.parser.mkv.MkvEvent;
import dev.argus.parser.mkv.MkvParser;
import dev.argus.parser.mkv.MkvVisitor;
import dev.argus.parser.mkv.ParserLimits;
import dev.argus.parser.mkv.SimpleTag;
import dev.argus.parser.mkv.Tag;
import dev.argus.parser.mkv.TrackInfo;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts what an MKV stream holds into an {@link MkvSummary}: feed it bytes in any chunking, then
 * {@link #finish()}. Keeps O(clusters + fragments + tracks) memory, never frame data.
 *
 * <p>Not thread-safe.
 */
public final class MkvSummarizer {

  private final MkvParser parser;
  private final FragmentVisitor fragments;
  private final Counter counter = new Counter();

  public MkvSummarizer() {
    this(true);
  }

  /** @param verifyCrc see {@link MkvParser#MkvParser(dev.argus.parser.mkv.MkvListener, ParserLimits, boolean)} */
  public MkvSummarizer(boolean verifyCrc) {
    this.fragments = new FragmentVisitor(counter);
    this.parser = new MkvParser(counter, ParserLimits.DEFAULT, verifyCrc);
  }

  /** Summarizes a whole input. */
  public static MkvSummary summarize(ByteBuffer input) {
    MkvSummarizer summarizer = new MkvSummarizer();
    summarizer.feed(input);
    return summarizer.finish();
  }

  /** @see MkvParser#feed */
  public void feed(ByteBuffer input) {
    parser.feed(input);
  }

  /** Ends the input and returns the counts. */
  public MkvSummary finish() {
    MkvEvent.EndOfStream end = parser.finish();
    Counter c = counter;
    return new MkvSummary(end.startOffset(), c.segments, c.clusterTimecodes.size(), c.blocks, c.frames, c.keyFrames,
        c.blocksPerTrack, new ArrayList<>(c.tracks.values()), c.tagNames, c.clusterTimecodes, c.blocksPerCluster,
        c.kvsFragments, end.truncated());
  }

  /** Both the parser's listener and the fragment visitor's. */
  private final class Counter implements MkvVisitor, FragmentListener {
    int segments;
    long blocks;
    long frames;
    long keyFrames;
    long tagNames;
    final Map<Long, Long> blocksPerTrack = new TreeMap<>();
    final Map<Long, TrackInfo> tracks = new TreeMap<>();
    final List<Long> clusterTimecodes = new ArrayList<>();
    final List<Integer> blocksPerCluster = new ArrayList<>();
    final List<FragmentMetadata> kvsFragments = new ArrayList<>();

    @Override
    public void onEvent(MkvEvent event) {
      event.accept(this);
      fragments.onEvent(event);
    }

    @Override
    public void segmentStart(MkvEvent.SegmentStart event) {
      segments++;
    }

    @Override
    public void tracks(MkvEvent.Tracks event) {
      for (TrackInfo track : event.tracks()) {
        tracks.put(track.number(), track);
      }
    }

    @Override
    public void clusterStart(MkvEvent.ClusterStart event) {
      clusterTimecodes.add(event.timecode());
      blocksPerCluster.add(0);
    }

    @Override
    public void frame(Frame frame) {
      frames++;
      if (frame.laceIndex() == 0) {
        blocks++;
        keyFrames += frame.keyFrame() ? 1 : 0;
        blocksPerTrack.merge(frame.trackNumber(), 1L, Long::sum);
        int last = blocksPerCluster.size() - 1;
        blocksPerCluster.set(last, blocksPerCluster.get(last) + 1);
      }
    }

    @Override
    public void tags(MkvEvent.Tags event) {
      for (Tag tag : event.tags()) {
        tagNames += count(tag.simpleTags());
      }
    }

    private long count(List<SimpleTag> simpleTags) {
      long n = simpleTags.size();
      for (SimpleTag simpleTag : simpleTags) {
        n += count(simpleTag.children());
      }
      return n;
    }

    @Override
    public void onFrame(Frame frame, FragmentMetadata fragment) {
    }

    @Override
    public void onFragmentEnd(FragmentMetadata fragment, int frameCount) {
      if (fragment.fragmentNumber().isPresent()) {
        kvsFragments.add(fragment);
      }
    }
  }
}
