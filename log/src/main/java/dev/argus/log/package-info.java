/**
 * A segmented append-only log: the storage primitive under the data-stream engine (one log per
 * shard) and the video fragment store (one log per stream).
 *
 * <p>Public surface: {@link dev.argus.log.Log}, {@link dev.argus.log.LogConfig}, {@link
 * dev.argus.log.FsyncPolicy}, {@link dev.argus.log.LogFlusher}, {@link dev.argus.log.LogEntry} and
 * the {@link dev.argus.log.LogException} family. Everything else is package-private.
 *
 * <h2>On-disk format</h2>
 *
 * A log is one directory:
 *
 * <pre>
 * .lock                         empty; an OS lock on it marks the directory as open (one writer)
 * 00000000000000000000.log      segment: entries from offset 0, back to back, no file header
 * 00000000000000000000.index    its sparse index, rebuilt from the segment whenever in doubt
 * 00000000000000001234.log      the next segment starts at offset 1234, and so on
 * </pre>
 *
 * Each entry in a segment (all integers big-endian; see {@code EntryFormat}):
 *
 * <pre>
 * int32 crc        CRC32C (java.util.zip.CRC32C) of the next 20 header bytes and the payload
 * int32 length     payload bytes
 * int64 offset     dense, base offset of the segment + index within it
 * int64 timestamp  epoch millis, non-decreasing across the log (clamped on append)
 * byte[length]     payload
 * </pre>
 *
 * Each index entry is 16 bytes: int32 offset relative to the segment's base, int32 byte position of
 * the entry in the segment, int64 its timestamp (see {@code SegmentIndex}).
 *
 * <h2>Crash behaviour</h2>
 *
 * A rolled segment is forced before its successor is created, so after a crash only the last
 * segment can have a torn tail. Large appends may be written with direct I/O in whole blocks
 * ({@code LogConfig.directAppendBytes}), so the last segment's file may end in zeros after its last
 * entry; they fail the CRC and are cut like a torn tail, and a segment is cut to its last entry when
 * it is rolled or closed. Opening a log verifies the last segment entry by entry, truncates it
 * after the last valid entry and rebuilds its index; earlier segments are checked cheaply and
 * re-indexed if their index is missing or damaged. Damage outside the last segment's tail is
 * reported as {@link dev.argus.log.CorruptLogException}, never truncated away.
 */
package dev.argus.log;
