/**
 * The pure core of fragment storage: fragment numbers ({@link
 * dev.argus.fragmentstore.fragment.FragmentNumber}), what a stored fragment and a stream header are
 * (a fragment with the producer's metadata tags, {@link dev.argus.fragmentstore.fragment.MetadataTag}),
 * the payload formats of a stream's two logs ({@link dev.argus.fragmentstore.fragment.EntryCodec})
 * and the in-memory index by offset, producer time and server time ({@link
 * dev.argus.fragmentstore.fragment.FragmentIndex}). No I/O here.
 */
package dev.argus.fragmentstore.fragment;
