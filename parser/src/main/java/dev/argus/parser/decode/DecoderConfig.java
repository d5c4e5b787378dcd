package dev.argus.parser.decode;

import java.nio.ByteBuffer;

/**
 * What a decoder needs to know about a video track before its first packet: the codec, the
 * track's CodecPrivate and its coded size (Matroska PixelWidth/PixelHeight).
 *
 * <p>{@code codecPrivate} holds the AVCC/HVCC configuration record when packets are
 * length-prefixed NAL units (every Matroska and KVS track); it is empty when packets are in
 * Annex-B form with their parameter sets in band. The record keeps its own read-only copy; the
 * accessor returns a fresh read-only view positioned at 0. The coded size is a hint for buffer
 * sizing: decoders follow the size the bitstream declares when it differs, within
 * {@link FrameDecoder#DEFAULT_MAX_DIMENSION}.
 *
 * @param codec the codec of the track's packets
 * @param codecPrivate the CodecPrivate bytes (remaining bytes are used), at most
 *     {@link FrameDecoder#DEFAULT_MAX_CODEC_PRIVATE_BYTES}
 * @param width coded width in pixels, 1 to {@link FrameDecoder#DEFAULT_MAX_DIMENSION}
 * @param height coded height in pixels, 1 to {@link FrameDecoder#DEFAULT_MAX_DIMENSION}
 */
public record DecoderConfig(VideoCodec codec, ByteBuffer codecPrivate, int width, int height) {

  public DecoderConfig {
    if (codec == null) {
      throw new IllegalArgumentException("codec is required");
    }
    if (codecPrivate == null) {
      throw new IllegalArgumentException("codecPrivate is required (empty for Annex-B packets)");
    }
    if (codecPrivate.remaining() > FrameDecoder.DEFAULT_MAX_CODEC_PRIVATE_BYTES) {
      throw new IllegalArgumentException("codecPrivate of " + codecPrivate.remaining()
          + " bytes exceeds " + FrameDecoder.DEFAULT_MAX_CODEC_PRIVATE_BYTES);
    }
    checkDimension("width", width);
    checkDimension("height", height);
    ByteBuffer copy = ByteBuffer.allocate(codecPrivate.remaining());
    copy.put(codecPrivate.duplicate()).flip();
    codecPrivate = copy.asReadOnlyBuffer();
  }

  /** An H.264 track with its AVCC CodecPrivate. */
  public static DecoderConfig h264(byte[] avcc, int width, int height) {
    return new DecoderConfig(VideoCodec.H264, ByteBuffer.wrap(avcc), width, height);
  }

  /** A read-only view of the CodecPrivate bytes, positioned at 0. */
  @Override
  public ByteBuffer codecPrivate() {
    return codecPrivate.duplicate();
  }

  /** A copy of the CodecPrivate bytes. */
  public byte[] codecPrivateBytes() {
    byte[] bytes = new byte[codecPrivate.remaining()];
    codecPrivate.duplicate().get(bytes);
    return bytes;
  }

  private static void checkDimension(String name, int value) {
    if (value < 1 || value > FrameDecoder.DEFAULT_MAX_DIMENSION) {
      throw new IllegalArgumentException(
          name + " must be 1.." + FrameDecoder.DEFAULT_MAX_DIMENSION + ", was " + value);
    }
  }
}
