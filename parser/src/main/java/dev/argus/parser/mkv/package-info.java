/**
 * The Matroska layer: {@link dev.argus.parser.mkv.MkvParser}, an incremental push parser; the
 * sealed {@link dev.argus.parser.mkv.MkvEvent} model it reports (with {@link dev.argus.parser.mkv.Frame});
 * the values it shares with the writer ({@link dev.argus.parser.mkv.TrackInfo},
 * {@link dev.argus.parser.mkv.Tag}, ...); its limits and its typed errors.
 */
package dev.argus.parser.mkv;
