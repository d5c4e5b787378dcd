package dev.argus.fragmentstore.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.argus.fragmentstore.fragment.FragmentIndex;
import dev.argus.fragmentstore.fragment.FragmentMeta;
import dev.argus.fragmentstore.fragment.FragmentNumber;
import dev.argus.fragmentstore.fragment.TimestampKind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StartSelectorTest {
  private static final long EPOCH = 1_600_000_000_000L;
  private final FragmentIndex index = new FragmentIndex();
  private final List<FragmentMeta> metas = new ArrayList<>();
  private long next;

  /** Fragments at offsets 5..14 (0..4 dropped by retention), producer 2 s each from 100 s, server 1 s later. */
  @BeforeEach
  void fill() {
    for (long offset = 5; offset < 15; offset++) {
      FragmentMeta meta = new FragmentMeta(new FragmentNumber(101_000 + offset * 2000, EPOCH, offset),
          100_000 + offset * 2000, 1966, 10, 59, 0);
      index.add(meta);
      metas.add(meta);
    }
    next = 15;
  }

  private long resolve(StartSelector selector) {
    return selector.resolve(index, next, EPOCH);
  }

  @Test
  void nowAndEarliest() {
    assertThat(resolve(new StartSelector.Now())).isEqualTo(15);
    assertThat(resolve(new StartSelector.Earliest())).isEqualTo(5);
    assertThat(new StartSelector.Earliest().resolve(new FragmentIndex(), 3, EPOCH)).isEqualTo(3);
  }

  @Test
  void afterFragmentNumber() {
    assertThat(resolve(new StartSelector.AfterFragment(metas.get(0).number()))).isEqualTo(6);
    assertThat(resolve(new StartSelector.AfterFragment(metas.get(9).number()))).isEqualTo(15);
    FragmentNumber dropped = new FragmentNumber(101_000, EPOCH, 0);
    assertThatThrownBy(() -> resolve(new StartSelector.AfterFragment(dropped)))
        .isInstanceOf(FragmentNotFoundException.class);
    FragmentNumber otherIncarnation = new FragmentNumber(metas.get(0).serverMillis(), EPOCH + 1, 5);
    assertThatThrownBy(() -> resolve(new StartSelector.AfterFragment(otherIncarnation)))
        .isInstanceOf(FragmentNotFoundException.class);
  }

  @Test
  void producerTimestampFindsTheFragmentHoldingIt() {
    long insideOffset7 = metas.get(2).producerMillis() + 1000;
    assertThat(resolve(new StartSelector.AtTime(TimestampKind.PRODUCER_TIMESTAMP, insideOffset7))).isEqualTo(7);
    long inTheGapAfter7 = metas.get(2).producerMillis() + 1990;
    assertThat(resolve(new StartSelector.AtTime(TimestampKind.PRODUCER_TIMESTAMP, inTheGapAfter7))).isEqualTo(8);
    assertThat(resolve(new StartSelector.AtTime(TimestampKind.PRODUCER_TIMESTAMP, 0))).isEqualTo(5);
    assertThat(resolve(new StartSelector.AtTime(TimestampKind.PRODUCER_TIMESTAMP, Long.MAX_VALUE / 2))).isEqualTo(15);
  }

  @Test
  void serverTimestampStartsAtOrAfter() {
    assertThat(resolve(new StartSelector.AtTime(TimestampKind.SERVER_TIMESTAMP, metas.get(3).serverMillis())))
        .isEqualTo(8);
    assertThat(resolve(new StartSelector.AtTime(TimestampKind.SERVER_TIMESTAMP, metas.get(3).serverMillis() + 1)))
        .isEqualTo(9);
  }

  @Test
  void continuationSkipsWhatRetentionDropped() {
    assertThat(resolve(new StartSelector.Continuation(metas.get(4).number()))).isEqualTo(10);
    assertThat(resolve(new StartSelector.Continuation(new FragmentNumber(1, EPOCH, 1)))).isEqualTo(5);
    assertThat(resolve(new StartSelector.Continuation(metas.get(9).number()))).isEqualTo(15);
    assertThatThrownBy(() -> resolve(new StartSelector.Continuation(new FragmentNumber(1, EPOCH + 5, 1))))
        .isInstanceOf(FragmentNotFoundException.class);
    assertThatThrownBy(() -> resolve(new StartSelector.Continuation(new FragmentNumber(1, EPOCH, 15))))
        .isInstanceOf(FragmentNotFoundException.class);
  }
}
