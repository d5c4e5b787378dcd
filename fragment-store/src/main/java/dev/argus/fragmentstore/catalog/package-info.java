/**
 * The video stream catalog: what streams exist and how they are configured. Pure apart from
 * {@link dev.argus.fragmentstore.catalog.VideoStreamCatalog}, which adds a lock, a
 * {@link dev.argus.fragmentstore.catalog.CatalogStore} and a listener; no I/O, no clock reads
 * (time comes from an injected {@link java.time.Clock}).
 *
 * <p>Every request value validates its members in its constructor, as the Kinesis Video API
 * reference states them, and every refusal is one {@link dev.argus.fragmentstore.catalog.CatalogException}
 * subclass.
 */
package dev.argus.fragmentstore.catalog;
