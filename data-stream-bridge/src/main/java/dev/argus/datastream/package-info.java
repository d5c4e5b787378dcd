/**
 * The embedded Kinesis Data Streams engine and its wire API.
 *
 * <ul>
 *   <li>{@link dev.argus.datastream.DataStreamsModule}: what the app opens and wires.</li>
 *   <li>{@code shard}: pure values (hash-key ranges, shard ids, sequence numbers).</li>
 *   <li>{@code engine}: streams of shards over {@code dev.argus.log} logs; the in-process API.</li>
 *   <li>{@code api}: {@code X-Amz-Target: Kinesis_20131202.*} in awsJson1.1 and CBOR.</li>
 * </ul>
 */
package dev.argus.datastream;
