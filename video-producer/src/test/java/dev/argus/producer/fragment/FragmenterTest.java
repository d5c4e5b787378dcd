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
