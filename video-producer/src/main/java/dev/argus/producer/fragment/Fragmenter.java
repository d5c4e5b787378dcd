package dev.argus.producer.fragment;

import dev.argus.producer.fragment.FragmenterEvent.DropReason;
import dev.argus.producer.fragment.FragmenterEvent.FragmentEnded;
import dev.argus.producer.fragment.FragmenterEvent.FragmentReady;
import dev.argus.producer.fragment.FragmenterEvent.FrameAdded;
import dev.argus.producer.fragment.FragmenterEvent.FrameDropped;
import dev.argus.producer.fragment.FragmenterEvent.TimestampsShifted;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a packet sequence (decoding order) into fragments at key frames of one track.
 *
 * <p>Rules, in order:
 * <ul>
 *   <li>A fragment starts with a key frame of the fragmenting track; packets before the first one
 *       are dropped ({@link DropReason#WAITING_FOR_KEY_FRAME}).
 *   <li>A key frame closes the open fragment when it is <em>eligible</em>: the fragment already
 *       spans the cut threshold of {@link FragmentLimits}, and the key frame is presented after
 *       every frame of the open fragment (B-frame aware: a fragment never ends after its successor
 *       starts). A key frame presented before the open fragment's first frame is a clock reset and
 *       always cuts.
 *   <li>A frame that would make a fragment reach the maximum duration or exceed the maximum size is
 *       dropped, and so is everything up to the next key frame (reported with the same reason),
 *       which then cuts unconditionally.
 *   <li>Fragment timecodes strictly increase: when a closing fragment's earliest frame is at or
 *       before the previous fragment's last frame (open GOP, or a source whose clock restarted), the
 *       fragment and every later packet are shifted forward by the difference plus 1 ms, and a
 *       {@link TimestampsShifted} event says so.
 * </ul>
 * Memory: one open fragment, bounded by {@link FragmentLimits#maxBytes()}.
 *
 * <p>Two modes. In whole-fragment mode (the default) a fragment is reported once complete, as
 * {@link FragmentReady}. In streaming mode ({@link #streaming}) every accepted frame is reported as
 * it comes ({@link FrameAdded}), and {@link FragmentEnded} when the next key frame or the end of input
 * closes its fragment, so an uploader can send each frame before the next one is produced. A
 * streamed fragment's Cluster timecode must be known at its first frame, so in streaming mode the
 * timecode is the opening key frame's presentation time, and the shift rule above is applied when a
 * key frame opens a fragment at or before the previous fragment's last frame. A later frame
 * presented before its key frame (open GOP) is kept, with a negative cluster-relative time.
 *
 * <p>Not thread-safe: one source thread feeds it.
 */
public final class Fragmenter {

  private final FragmentLimits limits;
  private final int fragmentingTrack;
  /** Whether frames are reported as they come (streaming) or fragments once complete. */
  private final boolean streaming;
  /** In streaming mode, the open fragment's Cluster timecode (ms). */
  private long openTimecodeMillis;
  /** The open fragment's packets, already shifted; empty when no fragment is open. */
  private final List<Packet> open = new ArrayList<>();
  private long openMinPts;
  private long openMaxPts;
  private long openBytes;
  /** True until the first key frame, and after a limit forced a drop until the next key frame. */
  private boolean waitingForKey = true;
  /** Why packets are dropped while {@link #waitingForKey}. */
  private DropReason waitReason = DropReason.WAITING_FOR_KEY_FRAME;
  /** Microseconds added to every incoming packet; grows with each {@link TimestampsShifted}. */
  private long offsetMicros;
  /** The last emitted fragment's {@link Fragment#endMillis()}, or {@code Long.MIN_VALUE}. */
  private long lastEndMillis = Long.MIN_VALUE;
  private long nextSequence;

  public Fragmenter(FragmentLimits limits, int fragmentingTrack) {
    this(limits, fragmentingTrack, false);
  }

  private Fragmenter(FragmentLimits limits, int fragmentingTrack, boolean streaming) {
    this.limits = limits;
    this.streaming = streaming;
    if (fragmentingTrack < 1) {
      throw new IllegalArgumentException("track must be positive: " + fragmentingTrack);
    }
    this.fragmentingTrack = fragmentingTrack;
  }

  /** A fragmenter on track 1 with the given limits. */
  public Fragmenter(FragmentLimits limits) {
    this(limits, 1);
  }

  /** A fragmenter in streaming mode: reports each frame as it is added ({@link FrameAdded}). */
  public static Fragmenter streaming(FragmentLimits limits, int fragmentingTrack) {
    return new Fragmenter(limits, fragmentingTrack, true);
  }

  /** Takes the next packet in decoding order; returns what happened, in order. */
  public List<FragmenterEvent> accept(Packet incoming) {
    List<FragmenterEvent> events = new ArrayList<>(2);
    Packet packet = incoming.shifted(offsetMicros);
    boolean cuttingKey = packet.key() && packet.track() == fragmentingTrack;
    if (cuttingKey && !open.isEmpty() && (waitingForKey || eligible(packet))) {
      long delta = close(events);
      packet = packet.shifted(delta);
    }
    if (cuttingKey) {
      waitingForKey = false;
      waitReason = DropReason.WAITING_FOR_KEY_FRAME;
    }
    if (waitingForKey) {
      events.add(new FrameDropped(incoming, waitReason));
      return events;
    }
    DropReason over = overLimit(packet);
    if (over != null) {
      waitingForKey = true;
      waitReason = over;
      events.add(new FrameDropped(incoming, over));
      return events;
    }
    add(packet, events);
    return events;
  }

  /** Closes the open fragment, if any (end of input). */
  public List<FragmenterEvent> flush() {
    List<FragmenterEvent> events = new ArrayList<>(2);
    if (!open.isEmpty()) {
      close(events);
    }
    waitingForKey = true;
    return events;
  }

  /**
   * Whether a key frame presented at {@code ptsMicros} (source time, before shifting) would close the
   * open fragment. An encoder asks this to place a key frame at each fragment boundary.
   */
  public boolean wantsKeyFrame(long ptsMicros) {
    if (open.isEmpty() || waitingForKey) {
      return true;
    }
    long pts = ptsMicros + offsetMicros;
    return pts - openMinPts >= limits.cutAfterMicros();
  }

  /** Total microseconds the timeline has been shifted by so far. */
  public long offsetMicros() {
    return offsetMicros;
  }

  private boolean eligible(Packet key) {
    if (key.ptsMicros() < openMinPts) {
      return true;
    }
    return key.ptsMicros() > openMaxPts && key.ptsMicros() - openMinPts >= limits.cutAfterMicros();
  }

  private DropReason overLimit(Packet packet) {
    long min = open.isEmpty() ? packet.ptsMicros() : Math.min(openMinPts, packet.ptsMicros());
    long max = open.isEmpty() ? packet.ptsMicros() : Math.max(openMaxPts, packet.ptsMicros());
    if (max - min >= limits.maxDurationMicros()) {
      return DropReason.FRAGMENT_DURATION_LIMIT;
    }
    if (openBytes + packet.data().length > limits.maxBytes()) {
      return DropReason.FRAGMENT_SIZE_LIMIT;
    }
    return null;
  }

  private void add(Packet incoming, List<FragmenterEvent> events) {
    Packet packet = incoming;
    boolean opens = open.isEmpty();
    if (opens && streaming) {
      packet = packet.shifted(shiftToFollow(Math.floorDiv(packet.ptsMicros(), 1000L), events));
      openTimecodeMillis = packet.ptsMillis();
    }
    if (streaming) {
      events.add(new FrameAdded(nextSequence, openTimecodeMillis, packet, opens));
    }
    if (open.isEmpty()) {
      openMinPts = packet.ptsMicros();
      openMaxPts = packet.ptsMicros();
    } else {
      openMinPts = Math.min(openMinPts, packet.ptsMicros());
      openMaxPts = Math.max(openMaxPts, packet.ptsMicros());
    }
    openBytes += packet.data().length;
    open.add(packet);
  }

  /** Emits the open fragment; returns the shift (µs) applied to it and to all later packets. */
  private long close(List<FragmenterEvent> events) {
    if (streaming) {
      long endMillis = Math.floorDiv(openMaxPts, 1000L);
      events.add(new FragmentEnded(nextSequence++, openTimecodeMillis, Math.max(endMillis, openTimecodeMillis), open.size()));
      lastEndMillis = Math.max(endMillis, openTimecodeMillis);
      open.clear();
      openBytes = 0;
      return 0;
    }
    long minMillis = Math.floorDiv(openMinPts, 1000L);
    long delta = shiftToFollow(minMillis, events);
    List<Packet> frames = new ArrayList<>(open.size());
    for (Packet p : open) {
      frames.add(p.shifted(delta));
    }
    Fragment fragment = new Fragment(nextSequence++, minMillis + delta / 1000L, frames);
    lastEndMillis = fragment.endMillis();
    events.add(new FragmentReady(fragment));
    open.clear();
    openBytes = 0;
    return delta;
  }

  /**
   * The shift (µs, added to {@link #offsetMicros}) that puts a fragment starting at {@code startMillis}
   * after the previous fragment's last frame; 0 when it already is.
   */
  private long shiftToFollow(long startMillis, List<FragmenterEvent> events) {
    if (lastEndMillis == Long.MIN_VALUE || startMillis > lastEndMillis) {
      return 0;
    }
    long delta = (lastEndMillis - startMillis + 1) * 1000L;
    offsetMicros += delta;
    events.add(new TimestampsShifted(nextSequence, delta));
    return delta;
  }
}
