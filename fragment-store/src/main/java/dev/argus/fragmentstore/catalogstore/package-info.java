/**
 * The catalog on disk: one JSON snapshot, replaced atomically on every change (see
 * {@link dev.argus.fragmentstore.catalogstore.CatalogFile} for the crash contract and
 * {@code CatalogCodec} for the format).
 */
package dev.argus.fragmentstore.catalogstore;
