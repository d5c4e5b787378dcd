/**
 * Packaging for PutMedia with the parser's {@code MkvWriter}: a header per connection, one Cluster
 * per fragment with an absolute timecode ({@link dev.argus.producer.mkv.MkvPackaging}).
 */
package dev.argus.producer.mkv;
