/**
 * Pure values of a data stream's shards: hash-key ranges and their arithmetic, shard ids and
 * sequence numbers with their decimal formats. No I/O, no state.
 */
package dev.argus.datastream.shard;
