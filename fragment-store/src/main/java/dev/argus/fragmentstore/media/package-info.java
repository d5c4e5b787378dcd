/**
 * The Kinesis Video data plane on the shared port ({@link
 * dev.argus.fragmentstore.media.VideoMediaApi}): PutMedia ({@code PutMediaHandler} over the pure
 * {@code FragmentAssembler}, acknowledgements as {@link dev.argus.fragmentstore.media.Ack}),
 * GetMedia and GetMediaForFragmentList ({@code MediaStreamHandler} streaming {@code MkvChunks}
 * from a {@code ChunkSource}), ListFragments ({@code ArchivedMediaOperations}), the start
 * selectors ({@link dev.argus.fragmentstore.media.StartSelector}) and the one error table
 * ({@code MediaErrors}).
 *
 * <p>Threads: handlers run on their channel's event loop and never block; disk reads and writes
 * run on the module's media worker pool (a PutMedia connection's writes in order on its own
 * {@code SerialExecutor} lane); PERSISTED acks follow the store's group commit.
 *
 * <p>Memory per connection: PutMedia holds the fragment being assembled (at most 50 MB) plus up
 * to {@code PutMediaHandler.DEFAULT_MAX_PENDING_BYTES} (8 MiB) of fragments waiting for the store
 * before it stops reading the socket; GetMedia and GetMediaForFragmentList hold at most one chunk
 * read ahead plus what Netty's outbound buffer takes before the channel turns unwritable (about
 * two fragments); a PutMedia connection per stream and three GetMedia connections per stream.
 */
package dev.argus.fragmentstore.media;
