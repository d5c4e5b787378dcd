package dev.argus.producer.fragment;

/** What the {@link Fragmenter} reports for the packets it is given. */
public sealed interface FragmenterEvent {

  /** A fragment is complete and ready for upload (whole-fragment mode). */
  record FragmentReady(Fragment fragment) implements FragmenterEvent {}

  /**
   * In streaming mode, a frame was added to fragment {@code sequence}, whose Cluster timecode is
   * {@code timecodeMillis} (the opening key frame's presentation time, ms, after any shift);
   * {@code opensFragment} for that key frame, the first frame of the fragment. {@code packet} is shifted.
   */
  record FrameAdded(long sequence, long timecodeMillis, Packet packet, boolean opensFragment)
      implements FragmenterEvent {}

  /**
   * In streaming mode, fragment {@code sequence} is complete: no frame will be added to it. Its frames
   * were presented up to {@code endMillis}.
   */
  record FragmentEnded(long sequence, long timecodeMillis, long endMillis, int frameCount) implements FragmenterEvent {}

  /** A packet was not put into any fragment. */
  record FrameDropped(Packet packet, DropReason reason) implements FragmenterEvent {}

  /**
   * The timeline was moved forward by {@code deltaMicros} from fragment {@code sequence} on, so that
   * no fragment starts at or before the end of the previous one (KVS ErrorId 4004). This happens
   * with open-GOP B-frames and when a source restarts its clock.
   */
  record TimestampsShifted(long sequence, long deltaMicros) implements FragmenterEvent {}

  /** Why a packet was dropped. */
  enum DropReason {
    /** Non-key frames before the first key frame (nothing to decode them from). */
    WAITING_FOR_KEY_FRAME,
    /** The frame would make its fragment span the maximum duration or more. */
    FRAGMENT_DURATION_LIMIT,
    /** The frame would make its fragment exceed the maximum size. */
    FRAGMENT_SIZE_LIMIT
  }
}
