package dev.argus.datastream.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CheckpointTest {

  @Test
  void ordersLikeTheIntegerPairItStandsFor() {
    Random random = new Random(3);
    List<Checkpoint> checkpoints = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      checkpoints.add(Checkpoint.at(new BigInteger(random.nextInt(90) + 1, random).toString(), random.nextInt(4)));
    }
    List<Checkpoint> sorted = new ArrayList<>(checkpoints);
    sorted.sort(Checkpoint::compareTo);
    List<Checkpoint> model = new ArrayList<>(checkpoints);
    model.sort(Comparator.comparing((Checkpoint c) -> new BigInteger(c.sequenceNumber()))
        .thenComparingLong(Checkpoint::subSequenceNumber));

    assertThat(sorted).isEqualTo(model);
  }

  @Test
  void sentinelsAreNamedAndDoNotOrder() {
    assertThat(Checkpoint.SHARD_END.isShardEnd()).isTrue();
    assertThat(new Checkpoint("LATEST", 0)).isEqualTo(Checkpoint.LATEST);
    assertThatThrownBy(() -> Checkpoint.TRIM_HORIZON.compareTo(Checkpoint.at("1", 0)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Checkpoint.at("LATEST", 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsWhatIsNeitherASequenceNumberNorASentinel() {
    for (String bad : new String[] {"", "-1", "12a", "1.5", "latest", " 1"}) {
      assertThatThrownBy(() -> new Checkpoint(bad, 0)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> new Checkpoint("1", -1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Checkpoint("SHARD_END", 1)).isInstanceOf(IllegalArgumentException.class);
  }
}
