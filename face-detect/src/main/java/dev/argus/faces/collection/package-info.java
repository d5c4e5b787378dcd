/**
 * Durable face collections: per collection a metadata file and a journal (a {@code log} module
 * log of add/delete batches, forced before each change is answered), replayed into one contiguous
 * float matrix for brute-force cosine search.
 */
package dev.argus.faces.collection;
