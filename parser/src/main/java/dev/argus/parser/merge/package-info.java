/** Joining consecutive GetMedia Segments into one: {@link dev.argus.parser.merge.SegmentMerger}. */
package dev.argus.parser.merge;
