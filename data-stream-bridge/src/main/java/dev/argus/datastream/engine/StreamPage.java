package dev.argus.datastream.engine;

import java.util.List;

/** One page of ListStreams: streams in name order, and whether more follow. */
public record StreamPage(List<StreamInfo> streams, boolean hasMore) {
  public StreamPage {
    streams = List.copyOf(streams);
  }
}
