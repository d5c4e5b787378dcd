/**
 * Fragment storage on the {@code log} module: {@link dev.argus.fragmentstore.store.FragmentStore}
 * (every stream, one group-commit flusher, retention, deletion), {@link
 * dev.argus.fragmentstore.store.StreamStorage} (one stream's fragment and header logs and index)
 * and {@link dev.argus.fragmentstore.store.FragmentCursor} (tailing a stream in process).
 */
package dev.argus.fragmentstore.store;
