package dev.argus.awshttp.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class RequestIdsTest {

  @Test
  void idsAreUuidsAndNeverRepeatAcrossThreads() throws Exception {
    RequestIds ids = RequestIds.random();
    Set<String> seen = ConcurrentHashMap.newKeySet();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        done.add(pool.submit(() -> {
          for (int i = 0; i < 5000; i++) {
            String id = ids.next();
            assertThat(UUID.fromString(id).toString()).isEqualTo(id);
            assertThat(seen.add(id)).as(id).isTrue();
          }
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(seen).hasSize(20_000);
  }

  @Test
  void theCounterCarriesIntoTheLowHalfOnly() {
    RequestIds ids = new RequestIds(7, -1);
    assertThat(UUID.fromString(ids.next())).isEqualTo(new UUID(7, -1));
    assertThat(UUID.fromString(ids.next())).isEqualTo(new UUID(7, 0));
  }

  @Test
  void twoServersDrawDifferentBases() {
    Set<String> firsts = new HashSet<>();
    for (int i = 0; i < 100; i++) {
      firsts.add(RequestIds.random().next());
    }
    assertThat(firsts).hasSize(100);
  }
}
