package dev.argus.fragmentstore.fragment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every query checked against a brute-force scan of a plain list. */
class FragmentIndexTest {

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 99})
  void agreesWithAListModel(long seed) {
    Random random = new Random(seed);
    FragmentIndex index = new FragmentIndex();
    List<FragmentMeta> model = new ArrayList<>();
    long offset = 0;
    long server = 1_000_000;
    long producer = 500_000;
    for (int step = 0; step < 3000; step++) {
      int op = random.nextInt(100);
      if (op < 50) {
        server += random.nextInt(3);
        producer += random.nextInt(10) == 0 ? -random.nextInt(5000) : random.nextInt(3000); // producers restart
        FragmentMeta meta = new FragmentMeta(new FragmentNumber(server, 77, offset), producer, random.nextInt(2500),
            random.nextInt(100), random.nextInt(60), 0);
        offset += 1;
        index.add(meta);
        model.add(meta);
      } else if (op < 52 && !model.isEmpty()) {
        long cut = model.get(random.nextInt(model.size())).offset();
        int dropped = index.dropBefore(cut);
        int before = model.size();
        model.removeIf(m -> m.offset() < cut);
        assertThat(dropped).isEqualTo(before - model.size());
      } else if (op < 70) {
        checkRange(index, model, random);
      } else if (op < 85) {
        TimestampKind kind = randomKind(random);
        long t = (kind == TimestampKind.SERVER_TIMESTAMP ? server : producer) - random.nextInt(20_000) + 5_000;
        assertThat(index.startAt(kind, t)).isEqualTo(expectedStart(model, kind, t));
      } else {
        long probe = offset - random.nextInt((int) offset + 2);
        assertThat(index.atOrAfter(probe)).isEqualTo(model.stream().filter(m -> m.offset() >= probe).findFirst());
        Optional<FragmentMeta> exact = model.stream().filter(m -> m.offset() == probe).findFirst();
        assertThat(index.atOffset(probe)).isEqualTo(exact);
        exact.ifPresent(m -> {
          assertThat(index.find(m.number())).contains(m);
          assertThat(index.find(new FragmentNumber(m.serverMillis(), 78, m.offset()))).isEmpty();
        });
      }
      assertThat(index.size()).isEqualTo(model.size());
      assertThat(index.first()).isEqualTo(model.stream().findFirst());
      assertThat(index.last()).isEqualTo(model.isEmpty() ? Optional.empty() : Optional.of(model.get(model.size() - 1)));
    }
  }

  private static void checkRange(FragmentIndex index, List<FragmentMeta> model, Random random) {
    if (model.isEmpty()) {
      assertThat(index.range(TimestampKind.SERVER_TIMESTAMP, 0, Long.MAX_VALUE, null, 5)).isEmpty();
      return;
    }
    TimestampKind kind = randomKind(random);
    long a = kind.of(model.get(random.nextInt(model.size()))) + random.nextInt(200) - 100;
    long b = kind.of(model.get(random.nextInt(model.size()))) + random.nextInt(200) - 100;
    long from = Math.min(a, b);
    long to = Math.max(a, b);
    int limit = 1 + random.nextInt(50);
    List<FragmentMeta> expected = model.stream().filter(m -> kind.of(m) >= from && kind.of(m) <= to)
        .sorted(Comparator.comparingLong(kind::of).thenComparingLong(FragmentMeta::offset)).toList();
    List<FragmentMeta> paged = new ArrayList<>();
    FragmentIndex.Position after = null;
    while (true) {
      List<FragmentMeta> page = index.range(kind, from, to, after, limit);
      assertThat(page.size()).isLessThanOrEqualTo(limit);
      paged.addAll(page);
      if (page.size() < limit) {
        break;
      }
      after = FragmentIndex.Position.of(kind, page.get(page.size() - 1));
    }
    assertThat(paged).isEqualTo(expected);
  }

  private static Optional<FragmentMeta> expectedStart(List<FragmentMeta> model, TimestampKind kind, long t) {
    Comparator<FragmentMeta> order = Comparator.comparingLong(kind::of).thenComparingLong(FragmentMeta::offset);
    if (kind == TimestampKind.PRODUCER_TIMESTAMP) {
      Optional<FragmentMeta> floor = model.stream().filter(m -> m.producerMillis() <= t).max(order);
      if (floor.isPresent() && floor.get().lastFrameMillis() >= t) {
        return floor;
      }
    }
    return model.stream().filter(m -> kind.of(m) >= t).min(order);
  }

  private static TimestampKind randomKind(Random random) {
    return random.nextBoolean() ? TimestampKind.PRODUCER_TIMESTAMP : TimestampKind.SERVER_TIMESTAMP;
  }
}
