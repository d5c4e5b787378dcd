package dev.argus.fragmentstore.fragment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EntryCodecTest {

  @Test
  void fragmentEntryRoundTrips() {
    byte[] cluster = new byte[1000];
    new Random(1).nextBytes(cluster);
    FragmentNumber number = new FragmentNumber(1000, 2000, 3);
    FragmentMeta meta = new FragmentMeta(number, 123_456L, 1999, cluster.length, 59, 4);
    ByteBuffer payload = EntryCodec.encodeFragment(meta, cluster);
    assertThat(payload.remaining()).isEqualTo(EntryCodec.FRAGMENT_PREFIX_BYTES + cluster.length);
    assertThat(EntryCodec.decodeFragmentMeta(number, payload)).isEqualTo(meta);
    assertThat(EntryCodec.decodeCluster(payload)).isEqualTo(cluster);
  }

  @Test
  void headerEntryRoundTrips() {
    StreamHeader header = new StreamHeader(new byte[] {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3, (byte) 0x80},
        new byte[] {0x15, 0x49, (byte) 0xA9, 0x66, (byte) 0x80}, new byte[] {0x16, 0x54, (byte) 0xAE, 0x6B,
            (byte) 0x80}, 1_000_000, List.of(1L, 2L));
    assertThat(EntryCodec.decodeHeader(EntryCodec.encodeHeader(header))).isEqualTo(header);
  }

  @Test
  void malformedEntriesAreCorruptEntryExceptions() {
    Random random = new Random(3);
    for (int i = 0; i < 500; i++) {
      byte[] garbage = new byte[random.nextInt(40)];
      random.nextBytes(garbage);
      if (garbage.length > 0) {
        garbage[0] = (byte) (random.nextBoolean() ? 1 : random.nextInt(256));
      }
      ByteBuffer in = ByteBuffer.wrap(garbage);
      try {
        EntryCodec.decodeHeader(in);
      } catch (CorruptEntryException expected) {
        assertThat(expected).hasMessageContaining("malformed");
      }
      if (garbage.length < EntryCodec.FRAGMENT_PREFIX_BYTES) {
        assertThatThrownBy(() -> EntryCodec.decodeFragmentMeta(new FragmentNumber(0, 0, 0), in))
            .isInstanceOf(CorruptEntryException.class);
      }
    }
  }

  @Test
  void refusesAMetaThatDisagreesWithItsCluster() {
    FragmentMeta meta = new FragmentMeta(new FragmentNumber(1, 1, 1), 0, 0, 10, 0, 0);
    assertThatThrownBy(() -> EntryCodec.encodeFragment(meta, new byte[9])).isInstanceOf(IllegalArgumentException.class);
  }
}
