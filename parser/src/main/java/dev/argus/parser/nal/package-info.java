/**
 * NAL unit framing shared by H.264 and H.265: Annex B start codes versus length prefixes
 * ({@link dev.argus.parser.nal.NalUnits}), and the Exp-Golomb bit reader for parameter sets.
 */
package dev.argus.parser.nal;
