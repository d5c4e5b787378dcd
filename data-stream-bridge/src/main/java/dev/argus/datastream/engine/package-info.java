/**
 * The data-stream engine: {@link dev.argus.datastream.engine.DataStreamEngine} and its values.
 * Pure parts (resharding plans, iterator codec, token buckets, routing) take and return values;
 * {@code DataStreamEngine}, {@code LiveStream}, {@code ShardLog} and {@code MetadataFile} hold
 * the state and the files. Failures are the sealed {@link dev.argus.datastream.engine.StreamsException} family.
 */
package dev.argus.datastream.engine;
