/**
 * The bounded content buffer between fragmenting and the network:
 * {@link dev.argus.producer.buffer.ContentBuffer} keeps every fragment until PERSISTED (also the one
 * in progress, frame by frame), replays from
 * the first un-persisted one on a new connection, and drops (and reports) when full.
 */
package dev.argus.producer.buffer;
