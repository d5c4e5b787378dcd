package dev.argus.parser.decode;

import java.nio.ByteBuffer;

/**
 * Decodes one video track's compressed packets (Matroska blocks) into BGR pictures.
 *
 * <p><b>Input.</b> Each {@link #decode} call takes one access unit: the remaining bytes of
 * {@code packet}, laid out as the track's CodecPrivate says (length-prefixed NAL units with an
 * AVCC/HVCC record, Annex-B without one). The buffer's position is left unchanged and the caller
 * may reuse it once the call returns: decoders copy what they keep. Packets must come in decode
 * order (Matroska block order); decoding starts at a key frame, and after a gap or a
 * {@link CorruptPacketException} it resumes cleanly at the next key frame.
 *
 * <p><b>Output.</b> Pictures are pushed to a {@link FrameSink}, in presentation order where the
 * decoder reorders (FFmpeg) or in decode order where it does not (jcodec). A decoder may hold
 * pictures back (B-frame reordering, frame threading): {@link #flush} delivers them at the end
 * of a stream or before a discontinuity. The {@link DecodedFrame} handed to the sink, and the
 * pixel memory behind it, belong to the decoder and are valid only until the sink returns; see
 * {@link DecodedFrame} for how to keep a copy.
 *
 * <p><b>Limits.</b> Packets larger than {@link #DEFAULT_MAX_PACKET_BYTES} are refused with
 * {@link OversizedPacketException}, pictures wider or taller than {@link #DEFAULT_MAX_DIMENSION}
 * with {@link UnsupportedStreamException}; sizes are checked before any native call, so no input
 * can crash the JVM through this interface.
 *
 * <p><b>Threading.</b> A decoder is not thread-safe: confine each instance to one thread at a
 * time (it may use its own worker threads internally). {@link #close} is idempotent; any other
 * call after it throws {@link IllegalStateException}.
 */
public interface FrameDecoder extends AutoCloseable {

  /** Largest packet accepted, in bytes: far above any real 4K H.264/H.265 access unit. */
  int DEFAULT_MAX_PACKET_BYTES = 16 << 20;

  /** Largest picture width or height, in pixels (DCI 4K); bounds the BGR buffer to 48 MiB. */
  int DEFAULT_MAX_DIMENSION = 4096;

  /** Largest CodecPrivate accepted, in bytes: an AVCC/HVCC record is usually under 1 KiB. */
  int DEFAULT_MAX_CODEC_PRIVATE_BYTES = 64 << 10;

  /** The configuration this decoder was opened with. */
  DecoderConfig config();

  /**
   * Decodes one packet and hands every picture that became ready to {@code sink}.
   *
   * @param packet the packet's bytes (its remaining bytes); not modified
   * @param ptsMs the packet's presentation time in milliseconds, carried to its picture
   * @param keyFrame whether the packet is a key frame (Matroska SimpleBlock key flag)
   * @param sink receives the pictures, on the calling thread, before this method returns
   * @return the number of pictures handed to {@code sink}
   * @throws CorruptPacketException the packet (or, under frame threading, an earlier one) is
   *     empty or undecodable; skip it
   * @throws OversizedPacketException the packet exceeds the packet limit; skip it
   * @throws UnsupportedStreamException the stream changed to a size or format this decoder
   *     cannot output
   * @throws DecoderFailedException the decoder failed; close it
   */
  int decode(ByteBuffer packet, long ptsMs, boolean keyFrame, FrameSink sink)
      throws DecodeException;

  /**
   * Delivers every picture still held back, then makes the decoder ready for a new sequence
   * starting at a key frame (the end of a stream, a seek, or a gap in a live stream).
   *
   * @return the number of pictures handed to {@code sink}
   */
  int flush(FrameSink sink) throws DecodeException;

  /** Releases the decoder's native memory and threads. Idempotent. */
  @Override
  void close();
}
