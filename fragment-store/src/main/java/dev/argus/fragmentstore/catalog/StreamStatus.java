package dev.argus.fragmentstore.catalog;

/**
 * A stream's status as DescribeStream reports it. Argus applies every change at once, so a
 * stream in the catalog is always {@link #ACTIVE}; {@link #DELETING} is what
 * {@link StreamLifecycleListener#onDeleted} sees. CREATING and UPDATING exist for the wire shape.
 */
public enum StreamStatus {
  CREATING, ACTIVE, UPDATING, DELETING
}
