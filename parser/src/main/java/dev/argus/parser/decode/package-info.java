/**
 * Video decoding: compressed packets of one track (Matroska block payloads) in, BGR pictures out.
 *
 * <p>{@link dev.argus.parser.decode.FrameDecoder} is the contract: open with a
 * {@link dev.argus.parser.decode.DecoderConfig} (codec, CodecPrivate, coded size), push packets
 * in decode order with {@code decode}, receive pictures through a
 * {@link dev.argus.parser.decode.FrameSink}, {@code flush} at the end or at a discontinuity,
 * {@code close} once. Two implementations:
 *
 * <ul>
 *   <li>{@link dev.argus.parser.decode.FfmpegFrameDecoder}: H.264 and H.265 with FFmpeg
 *       (libavcodec frame/slice threads, libswscale to BGR24); the default.
 *   <li>{@link dev.argus.parser.decode.JcodecFrameDecoder}: H.264 in pure Java; the fallback
 *       where FFmpeg's natives are unwanted. Several times slower.
 * </ul>
 *
 * <p>{@link dev.argus.parser.decode.VideoTrackDecoder} connects a decoder to
 * {@link dev.argus.parser.mkv.MkvParser}: it is an {@code MkvVisitor} that opens a decoder from the
 * first H.264/H.265 TrackEntry (reopening when a later Segment changes it) and decodes that
 * track's frames; {@code argus mkv frames} is built on it.
 *
 * <p>A {@link dev.argus.parser.decode.DecodedFrame} and its pixel memory (a direct buffer, shared
 * with an OpenCV {@code Mat} header) are reused from picture to picture: they are valid only
 * inside the sink call. Conversion to BGR is lazy, so consumers that sample every Nth picture
 * pay only for decoding the others.
 *
 * <p>Failures are {@link dev.argus.parser.decode.DecodeException}s whose type says what to do:
 * skip the packet ({@code CorruptPacketException}, {@code OversizedPacketException}), give up on
 * the track ({@code UnsupportedStreamException}) or replace the decoder
 * ({@code DecoderFailedException}). Limits are the {@code DEFAULT_*} constants of
 * {@code FrameDecoder}, checked before any native call.
 */
package dev.argus.parser.decode;
