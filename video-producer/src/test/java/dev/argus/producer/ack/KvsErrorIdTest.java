package dev.argus.producer.ack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.argus.producer.ack.KvsErrorId.Action;
import org.junit.jupiter.api.Test;

class KvsErrorIdTest {

  @Test
  void idsCoverTheDocumentedRange() {
    for (int id = 4000; id <= 4012; id++) {
      assertThat(KvsErrorId.of(id)).isPresent();
    }
    assertThat(KvsErrorId.of(5000)).contains(KvsErrorId.INTERNAL_ERROR);
    assertThat(KvsErrorId.of(5001)).contains(KvsErrorId.ARCHIVAL_ERROR);
    assertThat(KvsErrorId.of(4013)).isEmpty();
  }

  @Test
  void actionsSayWhatResendingCanFix() {
    assertThat(KvsErrorId.actionFor(4000)).isEqualTo(Action.RESEND);
    assertThat(KvsErrorId.actionFor(4004)).isEqualTo(Action.DROP_FRAGMENT);
    assertThat(KvsErrorId.actionFor(4008)).isEqualTo(Action.STOP);
    assertThat(KvsErrorId.actionFor(5999)).isEqualTo(Action.RESEND);
    assertThat(KvsErrorId.actionFor(4999)).isEqualTo(Action.DROP_FRAGMENT);
  }
}
