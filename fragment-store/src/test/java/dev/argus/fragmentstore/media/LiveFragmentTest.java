package dev.argus.fragmentstore.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.argus.fragmentstore.fragment.FragmentMeta;
import dev.argus.fragmentstore.fragment.FragmentNumber;
import dev.argus.fragmentstore.fragment.StreamHeader;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The live fragment against a model: the list of pieces a reader must see, in order, exactly once. */
class LiveFragmentTest {
  private static final StreamHeader HEADER = new StreamHeader(new byte[] {1}, new byte[] {2}, new byte[] {3},
      1_000_000, List.of(1L));
  private static final FragmentNumber NUMBER = new FragmentNumber(1_700_000_000_000L, 1_600_000_000_000L, 7);

  private static byte[] cluster(byte[] data) {
    byte[] cluster = new byte[LiveFragment.CLUSTER_HEADER_BYTES + data.length];
    System.arraycopy(data, 0, cluster, LiveFragment.CLUSTER_HEADER_BYTES, data.length);
    return cluster;
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void readersReadingAtRandomTimesGetTheStoredClusterDataExactly(long seed) {
    Random random = new Random(seed);
    LiveFragment fragment = new LiveFragment(HEADER, 5000);
    fragment.assign(NUMBER);
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    List<ByteArrayOutputStream> readers = List.of(new ByteArrayOutputStream(), new ByteArrayOutputStream());
    int[] positions = new int[readers.size()];
    int pieces = 1 + random.nextInt(40);
    for (int p = 0; p < pieces; p++) {
      byte[] piece = new byte[1 + random.nextInt(50)];
      random.nextBytes(piece);
      all.writeBytes(piece);
      fragment.append(piece);
      for (int r = 0; r < readers.size(); r++) {
        if (random.nextBoolean()) {
          positions[r] = read(fragment, positions[r], readers.get(r));
        }
      }
    }
    byte[] trailing = new byte[random.nextInt(3) * 10]; // what followed the last block, if anything
    random.nextBytes(trailing);
    all.writeBytes(trailing);
    FragmentMeta meta = new FragmentMeta(NUMBER, 5000, 100, all.size() + LiveFragment.CLUSTER_HEADER_BYTES, pieces, 0);
    fragment.complete(meta, cluster(all.toByteArray()), 1_700_000_000_500L);
    fragment.append(new byte[] {9}); // ignored once complete
    for (int r = 0; r < readers.size(); r++) {
      read(fragment, positions[r], readers.get(r));
      assertThat(readers.get(r).toByteArray()).isEqualTo(all.toByteArray());
    }
    LiveFragment.View end = fragment.view(0);
    assertThat(end.state()).isEqualTo(LiveFragment.State.COMPLETE);
    assertThat(end.stored()).isEqualTo(meta);
    assertThat(end.completedMillis()).isEqualTo(1_700_000_000_500L);
  }

  private static int read(LiveFragment fragment, int from, ByteArrayOutputStream out) {
    LiveFragment.View view = fragment.view(from);
    view.pieces().forEach(out::writeBytes);
    return from + view.pieces().size();
  }

  @Test
  void waitersRunOnceOnTheNextChangeOrAtOnceIfThereIsOne() {
    LiveFragment fragment = new LiveFragment(HEADER, 0);
    AtomicInteger woken = new AtomicInteger();
    fragment.whenChanged(0, woken::incrementAndGet);
    assertThat(woken.get()).isZero();
    fragment.append(new byte[] {1});
    fragment.append(new byte[] {2});
    assertThat(woken.get()).isEqualTo(1);
    fragment.whenChanged(1, woken::incrementAndGet); // a piece is already there
    assertThat(woken.get()).isEqualTo(2);
    fragment.whenChanged(2, woken::incrementAndGet);
    fragment.fail(AckErrorCode.STREAM_READ_ERROR);
    assertThat(woken.get()).isEqualTo(3);
    fragment.whenChanged(0, woken::incrementAndGet); // ended: at once
    assertThat(woken.get()).isEqualTo(4);
  }

  @Test
  void aFailedFragmentKeepsNoPiecesAndCannotComplete() {
    LiveFragment fragment = new LiveFragment(HEADER, 0);
    fragment.assign(NUMBER);
    fragment.append(new byte[100]);
    fragment.fail(AckErrorCode.TRACK_NUMBER_MISMATCH);
    fragment.complete(new FragmentMeta(NUMBER, 0, 0, 112, 1, 0), cluster(new byte[100]), 0);
    fragment.fail(AckErrorCode.INTERNAL_ERROR);
    LiveFragment.View view = fragment.view(0);
    assertThat(view.state()).isEqualTo(LiveFragment.State.FAILED);
    assertThat(view.error()).isEqualTo(AckErrorCode.TRACK_NUMBER_MISMATCH);
    assertThat(view.pieces()).isEmpty();
    assertThat(view.stored()).isNull();
  }
}
