package dev.argus.fragmentstore.catalog;

/**
 * What the media side of a stream hears from the catalog, after each change is durable.
 *
 * <p>Implementations must be thread-safe and quick: they are called on the thread that made the
 * change, after the catalog has released its lock, so calls for different changes may overlap.
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

    /** The stream is gone from the catalog (its status is DELETING): drop all of its fragments. */
    void onDeleted(StreamInfo deleted);

    /**
     * The stream's retention changed, up or down; {@code updated} carries the new value. After a
     * decrease, fragments older than it should be dropped.
     */
    void onRetentionChanged(StreamInfo updated);
}
