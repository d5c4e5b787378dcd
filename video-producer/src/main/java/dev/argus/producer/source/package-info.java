/**
 * Capture through javacv's FFmpeg: {@link dev.argus.producer.source.Sources#open} gives a
 * {@link dev.argus.producer.source.MediaSource} for a {@link dev.argus.producer.source.SourceSpec}
 * (file, RTSP over TCP, V4L2, lavfi testsrc). H.264/H.265 passes through (Annex B converted to AVCC
 * by {@link dev.argus.producer.source.AvcFormat}); anything else is encoded with libopenh264.
 */
package dev.argus.producer.source;
