package dev.argus.parser.decode;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import org.jcodec.codecs.h264.H264Utils;
import org.jcodec.codecs.h264.mp4.AvcCBox;

/** Test helper: Annex-B forms of AVCC data, converted with jcodec's H.264 utilities. */
final class AnnexB {

  private static final byte[] START_CODE = {0, 0, 0, 1};
  private static final int SPS_HEADER = 0x67;
  private static final int PPS_HEADER = 0x68;

  private AnnexB() {}

  /** The SPS and PPS of an AVCC record, each behind a start code and its NAL header. */
  static byte[] parameterSets(byte[] avcc) {
    AvcCBox box = AvcCBox.parseAvcCBox(ByteBuffer.wrap(avcc));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    // jcodec hands out parameter sets without their NAL header byte.
    for (ByteBuffer nal : box.getSpsList()) {
      write(out, SPS_HEADER, nal);
    }
    for (ByteBuffer nal : box.getPpsList()) {
      write(out, PPS_HEADER, nal);
    }
    return out.toByteArray();
  }

  /** A packet of length-prefixed NAL units (as {@code avcc} says) with start codes instead. */
  static byte[] fromLengthPrefixed(byte[] packet, byte[] avcc) {
    ByteBuffer copy = ByteBuffer.wrap(packet.clone());
    H264Utils.decodeMOVPacketInplace(copy, AvcCBox.parseAvcCBox(ByteBuffer.wrap(avcc)));
    byte[] bytes = new byte[copy.remaining()];
    copy.get(bytes);
    return bytes;
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] both = new byte[a.length + b.length];
    System.arraycopy(a, 0, both, 0, a.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }

  private static void write(ByteArrayOutputStream out, int header, ByteBuffer nal) {
    out.writeBytes(START_CODE);
    out.write(header);
    byte[] bytes = new byte[nal.remaining()];
    nal.duplicate().get(bytes);
    out.writeBytes(bytes);
  }
}
