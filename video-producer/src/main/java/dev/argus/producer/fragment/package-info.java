/**
 * Cutting packets into fragments: {@link dev.argus.producer.fragment.Fragmenter} (pure, B-frame
 * aware, KVS limits), its input {@link dev.argus.producer.fragment.Packet} (absolute epoch µs
 * timestamps) and output {@link dev.argus.producer.fragment.Fragment}.
 */
package dev.argus.producer.fragment;
