package dev.argus.producer.fragment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.argus.producer.fragment.FragmenterEvent.DropReason;
import dev.argus.producer.fragment.FragmenterEvent.FragmentReady;
import dev.argus.producer.fragment.FragmenterEvent.FrameDropped;
import dev.argus.producer.fragment.FragmenterEvent.TimestampsShifted;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FragmenterTest {

  private static final long EPOCH_US = 1_764_000_000_000_000L;

  static LongStream seeds() {
    return LongStream.range(0, 300);
  }

  /** Invariants that hold for every input: nothing lost or invented, KVS rules never broken. */
  @ParameterizedTest
  @MethodSource("seeds")
  void everyPacketIsFragmentedOrDroppedAndKvsRulesHold(long seed) {
    Random random = new Random(seed);
    FragmentLimits limits = new FragmentLimits(Duration.ofMillis(500 + random.nextInt(3000)),
        Duration.ofMillis(4000 + random.nextInt(6000)), 20_000 + random.nextInt(400_000));
    List<Packet> input = Streams.random(random, EPOCH_US);
    Fragmenter fragmenter = new Fragmenter(limits);
    List<FragmenterEvent> events = new ArrayList<>();
    input.forEach(p -> events.addAll(fragmenter.accept(p)));
    events.addAll(fragmenter.flush());

    List<Fragment> fragments = fragments(events);
    List<Packet> out = new ArrayList<>();
    long offset = 0;
    int droppedSeen = 0;
    int fragmentIndex = 0;
    for (FragmenterEvent e : events) {
      if (e instanceof TimestampsShifted s) {
        assertThat(s.deltaMicros()).isPositive();
        assertThat(s.sequence()).isEqualTo(fragments.get(fragmentIndex).sequence());
        offset += s.deltaMicros();
      } else if (e instanceof FragmentReady r) {
        fragmentIndex++;
        for (Packet p : r.fragment().frames()) {
          out.add(p.shifted(-offset));
        }
      } else if (e instanceof FrameDropped d) {
        droppedSeen++;
        out.add(d.packet());
      }
    }
    // Every input packet appears exactly once, un-shifted back to source time; drops interleave
    // with fragment contents, so compare as multisets ordered by decode position.
    assertThat(out).containsExactlyInAnyOrderElementsOf(input);
    assertThat(fragments.stream().mapToInt(f -> f.frames().size()).sum() + droppedSeen).isEqualTo(input.size());

    for (int i = 0; i < fragments.size(); i++) {
      Fragment f = fragments.get(i);
      assertThat(f.sequence()).isEqualTo(i);
      assertThat(f.frames().get(0).key()).isTrue();
      assertThat(f.durationMillis() * 1000).isLessThan(limits.maxDurationMicros());
      assertThat(f.payloadBytes()).isLessThanOrEqualTo(limits.maxBytes());
      if (i > 0) {
        assertThat(f.timecodeMillis()).isGreaterThan(fragments.get(i - 1).endMillis());
      }
    }
  }

  /** Closed-GOP streams without B-frames, under the limits: compared with a one-line model of cutting. */
  @ParameterizedTest
  @MethodSource("seeds")
  void simpleStreamsAreCutWhereTheModelCuts(long seed) {
    Random random = new Random(seed);
    FragmentLimits limits = FragmentLimits.withTarget(Duration.ofMillis(300 + random.nextInt(3000)));
    long frameUs = 1_000_000L / (5 + random.nextInt(56));
    List<Packet> input = new ArrayList<>();
    long pts = EPOCH_US + random.nextInt(1_000_000);
    int frames = 50 + random.nextInt(600);
    int gop = 1 + random.nextInt(Math.max(1, (int) (limits.maxDurationMicros() / frameUs) - 1));
    for (int i = 0; i < frames; i++) {
      input.add(new Packet(1, pts, pts, i % gop == 0, new byte[1 + random.nextInt(50)]));
      pts += frameUs;
    }
    List<Long> modelStarts = new ArrayList<>();
    for (Packet p : input) {
      if (p.key() && (modelStarts.isEmpty()
          || p.ptsMicros() - modelStarts.get(modelStarts.size() - 1) >= limits.cutAfterMicros())) {
        modelStarts.add(p.ptsMicros());
      }
    }
    Fragmenter fragmenter = new Fragmenter(limits);
    List<FragmenterEvent> events = new ArrayList<>();
    input.forEach(p -> events.addAll(fragmenter.accept(p)));
    events.addAll(fragmenter.flush());

    assertThat(events).allMatch(e -> e instanceof FragmentReady);
    assertThat(fragments(events).stream().map(f -> f.frames().get(0).ptsMicros()).toList())
        .isEqualTo(modelStarts);
  }

  /**
   * Streaming mode on every random stream: each packet is reported as added (at once) or dropped,
   * fragments open with a key frame whose time is the Cluster timecode, each ends (with its frame
   * count) before the next opens, and timecodes stay after the previous fragment's last frame.
   */
  @ParameterizedTest
  @MethodSource("seeds")
  void streamingReportsEachFrameAsItComesAndKeepsKvsRules(long seed) {
    Random random = new Random(seed);
    FragmentLimits limits = new FragmentLimits(Duration.ofMillis(500 + random.nextInt(3000)),
        Duration.ofMillis(4000 + random.nextInt(6000)), 20_000 + random.nextInt(400_000));
    List<Packet> input = Streams.random(random, EPOCH_US);
    Fragmenter fragmenter = Fragmenter.streaming(limits, 1);
    List<Packet> out = new ArrayList<>();
    long offset = 0;
    long open = -1;
    long openTimecode = 0;
    int openFrames = 0;
    long lastEnd = Long.MIN_VALUE;
    long nextSequence = 0;
    for (int i = 0; i <= input.size(); i++) {
      List<FragmenterEvent> events = i < input.size() ? fragmenter.accept(input.get(i)) : fragmenter.flush();
      int reported = 0;
      for (FragmenterEvent e : events) {
        assertThat(e).isNotInstanceOf(FragmentReady.class);
        if (e instanceof TimestampsShifted s) {
          offset += s.deltaMicros();
        } else if (e instanceof FragmenterEvent.FrameAdded a) {
          reported++;
          out.add(a.packet().shifted(-offset));
          if (a.opensFragment()) {
            assertThat(open).isEqualTo(-1);
            assertThat(a.sequence()).isEqualTo(nextSequence++);
            assertThat(a.packet().key()).isTrue();
            assertThat(a.timecodeMillis()).isEqualTo(a.packet().ptsMillis());
            if (lastEnd != Long.MIN_VALUE) {
              assertThat(a.timecodeMillis()).isGreaterThan(lastEnd);
            }
            open = a.sequence();
            openTimecode = a.timecodeMillis();
            openFrames = 0;
          }
          assertThat(a.sequence()).isEqualTo(open);
          assertThat(a.timecodeMillis()).isEqualTo(openTimecode);
          assertThat(Math.abs(a.packet().ptsMillis() - openTimecode) * 1000).isLessThan(limits.maxDurationMicros());
          openFrames++;
        } else if (e instanceof FragmenterEvent.FragmentEnded end) {
          assertThat(end.sequence()).isEqualTo(open);
          assertThat(end.timecodeMillis()).isEqualTo(openTimecode);
          assertThat(end.frameCount()).isEqualTo(openFrames);
          assertThat(end.endMillis()).isGreaterThanOrEqualTo(openTimecode);
          lastEnd = end.endMillis();
          open = -1;
        } else if (e instanceof FrameDropped d) {
          reported++;
          out.add(d.packet());
        }
      }
      if (i < input.size()) {
        assertThat(reported).as("packet %d reported once, when given", i).isEqualTo(1);
      }
    }
    assertThat(open).isEqualTo(-1);
    assertThat(out).containsExactlyInAnyOrderElementsOf(input);
  }

  /** Without B-frames or clock resets, streaming mode cuts exactly the fragments whole mode emits. */
  @ParameterizedTest
  @MethodSource("seeds")
  void streamingCutsTheFragmentsWholeModeEmits(long seed) {
    Random random = new Random(seed);
    FragmentLimits limits = new FragmentLimits(Duration.ofMillis(300 + random.nextInt(2000)), Duration.ofSeconds(3),
        5_000 + random.nextInt(20_000));
    List<Packet> input = new ArrayList<>();
    long pts = EPOCH_US;
    for (int i = 0; i < 400; i++) {
      pts += 1_000 + random.nextInt(100_000);
      input.add(new Packet(1, pts, pts, random.nextInt(8) == 0, new byte[1 + random.nextInt(400)]));
    }
    Fragmenter whole = new Fragmenter(limits);
    Fragmenter streaming = Fragmenter.streaming(limits, 1);
    List<FragmenterEvent> wholeEvents = new ArrayList<>();
    List<FragmenterEvent> streamEvents = new ArrayList<>();
    input.forEach(p -> {
      wholeEvents.addAll(whole.accept(p));
      streamEvents.addAll(streaming.accept(p));
    });
    wholeEvents.addAll(whole.flush());
    streamEvents.addAll(streaming.flush());
    List<Fragment> streamed = new ArrayList<>();
    List<Packet> frames = new ArrayList<>();
    for (FragmenterEvent e : streamEvents) {
      if (e instanceof FragmenterEvent.FrameAdded a) {
        frames.add(a.packet());
      } else if (e instanceof FragmenterEvent.FragmentEnded end) {
        streamed.add(new Fragment(end.sequence(), end.timecodeMillis(), frames));
        frames.clear();
      }
    }
    assertThat(fragments(wholeEvents)).isNotEmpty();
    assertThat(streamed).isEqualTo(fragments(wholeEvents));
  }

  @Test
  void streamingShiftsAFragmentThatOpensBeforeThePreviousOneEnded() {
    Fragmenter fragmenter = Fragmenter.streaming(FragmentLimits.withTarget(Duration.ofMillis(100)), 1);
    List<FragmenterEvent> events = new ArrayList<>();
    events.addAll(fragmenter.accept(packet(5_000_000, true)));
    events.addAll(fragmenter.accept(packet(5_200_000, false)));
    events.addAll(fragmenter.accept(packet(0, true))); // the camera restarted its clock
    events.addAll(fragmenter.accept(packet(40_000, false)));
    events.addAll(fragmenter.flush());
    assertThat(events).filteredOn(e -> e instanceof FragmenterEvent.FrameAdded)
        .extracting(e -> ((FragmenterEvent.FrameAdded) e).timecodeMillis())
        .containsExactly(EPOCH_US / 1000 + 5_000L, EPOCH_US / 1000 + 5_000L, EPOCH_US / 1000 + 5_201L,
            EPOCH_US / 1000 + 5_201L);
    assertThat(events).filteredOn(e -> e instanceof FragmenterEvent.FrameAdded)
        .extracting(e -> ((FragmenterEvent.FrameAdded) e).packet().ptsMillis()).last()
        .isEqualTo(EPOCH_US / 1000 + 5_241L);
    assertThat(fragmenter.offsetMicros()).isEqualTo(5_201_000L);
  }

  @Test
  void aKeyFramePresentedBeforeTheOpenFragmentEndsDoesNotCut() {
    Fragmenter fragmenter = new Fragmenter(FragmentLimits.withTarget(Duration.ofMillis(100)));
    List<FragmenterEvent> events = new ArrayList<>();
    events.addAll(fragmenter.accept(packet(0, true)));
    events.addAll(fragmenter.accept(packet(300_000, false)));
    events.addAll(fragmenter.accept(packet(200_000, true))); // IDR shown before the P above: no cut
    events.addAll(fragmenter.accept(packet(400_000, true)));
    events.addAll(fragmenter.flush());
    List<Fragment> fragments = fragments(events);
    assertThat(fragments).hasSize(2);
    assertThat(fragments.get(0).frames()).hasSize(3);
    assertThat(fragments.get(1).timecodeMillis()).isGreaterThan(fragments.get(0).endMillis());
  }

  @Test
  void aClockResetShiftsTheRestOfTheStreamForward() {
    Fragmenter fragmenter = new Fragmenter(FragmentLimits.withTarget(Duration.ofMillis(100)));
    List<FragmenterEvent> events = new ArrayList<>();
    events.addAll(fragmenter.accept(packet(5_000_000, true)));
    events.addAll(fragmenter.accept(packet(5_200_000, false)));
    events.addAll(fragmenter.accept(packet(0, true))); // the camera restarted its clock
    events.addAll(fragmenter.accept(packet(40_000, false)));
    events.addAll(fragmenter.accept(packet(200_000, true)));
    events.addAll(fragmenter.flush());
    List<Fragment> fragments = fragments(events);
    assertThat(fragments).extracting(Fragment::timecodeMillis)
        .containsExactly(EPOCH_US / 1000 + 5_000L, EPOCH_US / 1000 + 5_201L, EPOCH_US / 1000 + 5_401L);
    assertThat(events).filteredOn(e -> e instanceof TimestampsShifted).hasSize(1);
    assertThat(fragmenter.offsetMicros()).isEqualTo(5_201_000L);
  }

  @Test
  void framesBeyondTheDurationLimitAreDroppedUntilTheNextKeyFrame() {
    Fragmenter fragmenter = new Fragmenter(new FragmentLimits(Duration.ofSeconds(1), Duration.ofSeconds(2), 1000));
    List<FragmenterEvent> events = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      events.addAll(fragmenter.accept(packet(i * 100_000L, i == 0 || i == 25)));
    }
    events.addAll(fragmenter.flush());
    assertThat(events).filteredOn(e -> e instanceof FrameDropped)
        .extracting(e -> ((FrameDropped) e).reason()).containsOnly(DropReason.FRAGMENT_DURATION_LIMIT).hasSize(5);
    assertThat(fragments(events)).extracting(f -> f.frames().size()).containsExactly(20, 5);
  }

  @Test
  void framesBeforeTheFirstKeyFrameAreDroppedAndAskForOne() {
    Fragmenter fragmenter = new Fragmenter(FragmentLimits.defaults());
    assertThat(fragmenter.wantsKeyFrame(EPOCH_US)).isTrue();
    assertThat(fragmenter.accept(packet(0, false))).singleElement()
        .isEqualTo(new FrameDropped(packet(0, false), DropReason.WAITING_FOR_KEY_FRAME));
    assertThat(fragmenter.accept(packet(33_000, true))).isEmpty();
    assertThat(fragmenter.wantsKeyFrame(EPOCH_US + 1_000_000)).isFalse();
    assertThat(fragmenter.wantsKeyFrame(EPOCH_US + 1_833_000)).isTrue();
  }

  private static Packet packet(long pts, boolean key) {
    return new Packet(1, EPOCH_US + pts, EPOCH_US + pts, key, new byte[10]);
  }

  static List<Fragment> fragments(List<FragmenterEvent> events) {
    return events.stream().filter(e -> e instanceof FragmentReady)
        .map(e -> ((FragmentReady) e).fragment()).toList();
  }
}
