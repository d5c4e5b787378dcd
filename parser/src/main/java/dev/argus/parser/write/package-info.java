/**
 * Writing Matroska for live streams: {@link dev.argus.parser.write.MkvWriter} (header, Tags, one
 * Cluster per fragment of {@link dev.argus.parser.write.Block}s). Its output reads back through
 * {@code dev.argus.parser.mkv.MkvParser}, ffprobe and the KVS parser library.
 */
package dev.argus.parser.write;
