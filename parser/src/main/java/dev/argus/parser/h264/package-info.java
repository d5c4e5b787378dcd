/**
 * H.264 helpers: the AVCDecoderConfigurationRecord (Matroska CodecPrivate, FFmpeg extradata)
 * and SPS parsing for the picture size. NAL framing conversions are in {@code dev.argus.parser.nal}.
 */
package dev.argus.parser.h264;
