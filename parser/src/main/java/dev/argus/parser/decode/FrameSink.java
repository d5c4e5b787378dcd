package dev.argus.parser.decode;

/**
 * Receives decoded pictures from a {@link FrameDecoder}, on the decoding thread. The
 * {@link DecodedFrame} is valid only until {@link #accept} returns.
 */
@FunctionalInterface
public interface FrameSink {

  /** Takes one decoded picture; copy what must outlive this call. */
  void accept(DecodedFrame frame);
}
