/**
 * Kinesis Video Streams on top of the Matroska layer: the AWS_KINESISVIDEO_* tag names
 * ({@link dev.argus.parser.kvs.KvsTags}), the per-fragment
 * {@link dev.argus.parser.kvs.FragmentMetadata}, and {@link dev.argus.parser.kvs.FragmentVisitor},
 * which hands out frames with the fragment they belong to.
 */
package dev.argus.parser.kvs;
