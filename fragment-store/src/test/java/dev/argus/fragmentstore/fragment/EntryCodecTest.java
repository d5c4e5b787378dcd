package dev.argus.fragmentstore.fragment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.HexFormat;
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

  @Test
  void fragmentEntryWithMetadataRoundTripsInFormat2() {
    byte[] cluster = new byte[300];
    new Random(2).nextBytes(cluster);
    FragmentNumber number = new FragmentNumber(5000, 2000, 9);
    FragmentMeta meta = new FragmentMeta(number, 77_000L, 1500, cluster.length, 45, 2);
    List<MetadataTag> metadata = List.of(new MetadataTag("motion", "true"), new MetadataTag("site", "läb ✓ \uD83D\uDE00"),
        new MetadataTag("n".repeat(MetadataTag.MAX_NAME_CHARS), "v".repeat(MetadataTag.MAX_VALUE_CHARS)),
        new MetadataTag("empty", ""));
    ByteBuffer payload = EntryCodec.encodeFragment(meta, metadata, cluster);
    assertThat(payload.get(payload.position())).isEqualTo(EntryCodec.FORMAT_WITH_METADATA);
    assertThat(EntryCodec.decodeFragmentMeta(number, payload)).isEqualTo(meta);
    assertThat(EntryCodec.decodeCluster(payload)).isEqualTo(cluster);
    assertThat(EntryCodec.decodeMetadata(payload)).isEqualTo(metadata);
    assertThat(payload.remaining()).isLessThanOrEqualTo(EntryCodec.MAX_FRAGMENT_OVERHEAD_BYTES + cluster.length);
  }

  @Test
  void mostMetadataFitsTheLargestOverhead() {
    List<MetadataTag> metadata = new java.util.ArrayList<>();
    for (int i = 0; i < FragmentDraft.MAX_METADATA_TAGS; i++) {
      // U+20AC takes 3 UTF-8 bytes per char, the most for a char
      metadata.add(new MetadataTag("\u20AC".repeat(MetadataTag.MAX_NAME_CHARS), "\u20AC".repeat(MetadataTag.MAX_VALUE_CHARS)));
    }
    FragmentMeta meta = new FragmentMeta(new FragmentNumber(1, 1, 1), 0, 0, 1, 1, 0);
    ByteBuffer payload = EntryCodec.encodeFragment(meta, metadata, new byte[1]);
    assertThat(payload.remaining()).isEqualTo(EntryCodec.MAX_FRAGMENT_OVERHEAD_BYTES + 1);
    assertThat(EntryCodec.decodeMetadata(payload)).isEqualTo(metadata);
  }

  @Test
  void anEntryWithoutMetadataIsWrittenInTheOldFormat() {
    FragmentMeta meta = new FragmentMeta(new FragmentNumber(1, 1, 1), 0x0102030405060708L, 0x11, 3, 0x22, 0x33);
    ByteBuffer payload = EntryCodec.encodeFragment(meta, List.of(), new byte[] {(byte) 0xAA, (byte) 0xBB, (byte) 0xCC});
    byte[] bytes = new byte[payload.remaining()];
    payload.get(bytes);
    assertThat(HexFormat.of().formatHex(bytes)).isEqualTo(FORMAT_1_ENTRY);
  }

  /**
   * A fragment entry exactly as the code before metadata tags wrote it (format 1): producer time
   * 0x0102030405060708, duration 0x11, 0x22 frames, header version 0x33, cluster AA BB CC.
   */
  private static final String FORMAT_1_ENTRY = "01" + "0102030405060708" + "00000011" + "00000022"
      + "0000000000000033" + "aabbcc";

  @Test
  void anEntryInTheOldFormatStillReads() {
    ByteBuffer old = ByteBuffer.wrap(HexFormat.of().parseHex(FORMAT_1_ENTRY));
    FragmentNumber number = new FragmentNumber(9, 8, 7);
    assertThat(EntryCodec.decodeFragmentMeta(number, old))
        .isEqualTo(new FragmentMeta(number, 0x0102030405060708L, 0x11, 3, 0x22, 0x33));
    assertThat(EntryCodec.decodeCluster(old)).containsExactly(0xAA, 0xBB, 0xCC);
    assertThat(EntryCodec.decodeMetadata(old)).isEmpty();
  }

  @Test
  void malformedMetadataIsACorruptEntry() {
    FragmentMeta meta = new FragmentMeta(new FragmentNumber(1, 1, 1), 0, 0, 2, 1, 0);
    ByteBuffer good = EntryCodec.encodeFragment(meta, List.of(new MetadataTag("a", "b")), new byte[2]);
    byte[] bytes = new byte[good.remaining()];
    good.get(bytes);
    int count = EntryCodec.FRAGMENT_PREFIX_BYTES;
    byte[] tooMany = bytes.clone();
    tooMany[count + 1] = (byte) (FragmentDraft.MAX_METADATA_TAGS + 1);
    assertThatThrownBy(() -> EntryCodec.decodeMetadata(ByteBuffer.wrap(tooMany)))
        .isInstanceOf(CorruptEntryException.class);
    byte[] overrun = bytes.clone();
    overrun[count + 3] = (byte) 0x7F; // the name's length runs past the entry
    assertThatThrownBy(() -> EntryCodec.decodeMetadata(ByteBuffer.wrap(overrun)))
        .isInstanceOf(CorruptEntryException.class);
    assertThatThrownBy(() -> EntryCodec.decodeFragmentMeta(new FragmentNumber(0, 0, 0), ByteBuffer.wrap(overrun)))
        .isInstanceOf(CorruptEntryException.class);
    assertThatThrownBy(() -> EntryCodec.decodeCluster(ByteBuffer.wrap(overrun)))
        .isInstanceOf(CorruptEntryException.class);
    byte[] unknown = bytes.clone();
    unknown[0] = 3;
    assertThatThrownBy(() -> EntryCodec.decodeMetadata(ByteBuffer.wrap(unknown)))
        .isInstanceOf(CorruptEntryException.class);
  }
}
