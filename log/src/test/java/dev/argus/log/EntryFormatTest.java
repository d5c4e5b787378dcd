package dev.argus.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

class EntryFormatTest {

  @Test
  void headerLayoutMatchesTheDocumentedFormat() {
    ByteBuffer payload = ByteBuffer.wrap(new byte[] {7, 8, 9});
    ByteBuffer header = EntryFormat.header(0x0102030405060708L, 1_700_000_000_000L, payload);

    assertThat(header.remaining()).isEqualTo(EntryFormat.HEADER_BYTES);
    assertThat(payload.position()).isZero(); // the payload is not consumed
    EntryHeader parsed = EntryHeader.parse(header.duplicate());
    assertThat(parsed.length()).isEqualTo(3);
    assertThat(parsed.offset()).isEqualTo(0x0102030405060708L);
    assertThat(parsed.timestampMillis()).isEqualTo(1_700_000_000_000L);
    assertThat(parsed.entryBytes()).isEqualTo(27);
    assertThat(header.get(4 + 3)).isEqualTo((byte) 3); // big-endian length at byte 4

    CRC32C crc = new CRC32C(); // over bytes 4..24 of the header, then the payload
    crc.update(header.array(), 4, 20);
    crc.update(new byte[] {7, 8, 9});
    assertThat(parsed.crc()).isEqualTo((int) crc.getValue());
    assertThat(EntryFormat.crcOfHeader(parsed).getValue())
        .isNotEqualTo(crc.getValue()); // the header part alone is not the whole CRC
  }

  @Test
  void aZeroFilledHeaderDoesNotVerify() {
    EntryHeader zeros = EntryHeader.parse(ByteBuffer.allocate(EntryFormat.HEADER_BYTES));
    assertThat((int) EntryFormat.crcOfHeader(zeros).getValue()).isNotEqualTo(zeros.crc());
  }
}
