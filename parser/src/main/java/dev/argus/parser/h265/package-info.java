/**
 * H.265 helpers: the HEVCDecoderConfigurationRecord (Matroska CodecPrivate) and SPS parsing for
 * the picture size. NAL framing conversions are in {@code dev.argus.parser.nal}.
 */
package dev.argus.parser.h265;
