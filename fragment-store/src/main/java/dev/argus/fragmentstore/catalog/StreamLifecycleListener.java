package dev.argus.fragmentstore.catalog;

/**
 * What the media side of a stream hears from the catalog, after each change is durable.
 *
 * <p>Calls come on the thread that made the change, one at a time and in the order of the
 * changes, while the catalog still holds its lock: implementations must be quick (record the
 * work and do it elsewhere) and must never wait for another thread that updates the catalog.
 * They should not throw; if one does, the change stays made and the exception is logged. After a
 * crash between a change and its call, the call is lost: the media side should reconcile with
 * {@link VideoStreamCatalog#streams()} when it opens.
 */
public interface StreamLifecycleListener {

  /** A listener that does nothing. */
  StreamLifecycleListener NONE = new StreamLifecycleListener() {
    @Override
    public void onDeleted(StreamInfo deleted) {
    }

    @Override
    public void onRetentionChanged(StreamInfo updated) {
    }
  };

  /**
   * The stream was just created: the media side may prepare for its first PutMedia (e.g. create
   * its logs) in the background. Does nothing by default.
   */
  default void onCreated(StreamInfo created) {
  }

  /** The stream is gone from the catalog (its status is DELETING): drop all of its fragments. */
  void onDeleted(StreamInfo deleted);

  /**
   * The stream's retention changed, up or down; {@code updated} carries the new value. After a
   * decrease, fragments older than it should be dropped.
   */
  void onRetentionChanged(StreamInfo updated);

  /** This listener, then {@code next}, for each call (each is told even if the first throws). */
  default StreamLifecycleListener andThen(StreamLifecycleListener next) {
    StreamLifecycleListener first = this;
    return new StreamLifecycleListener() {
      @Override
      public void onCreated(StreamInfo created) {
        try {
          first.onCreated(created);
        } finally {
          next.onCreated(created);
        }
      }

      @Override
      public void onDeleted(StreamInfo deleted) {
        try {
          first.onDeleted(deleted);
        } finally {
          next.onDeleted(deleted);
        }
      }

      @Override
      public void onRetentionChanged(StreamInfo updated) {
        try {
          first.onRetentionChanged(updated);
        } finally {
          next.onRetentionChanged(updated);
        }
      }
    };
  }
}
