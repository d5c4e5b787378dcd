/**
 * Batch face analysis over stored video, the pure part: reading the time window a user asks for
 * ({@link dev.argus.faces.batch.TimeArgument}, {@link dev.argus.faces.batch.TimeWindow}) and
 * folding per-frame search results into a per-person summary
 * ({@link dev.argus.faces.batch.Sightings}, {@link dev.argus.faces.batch.BatchReport}). Fetching
 * fragments, decoding and searching happen at the edge ({@code argus faces analyze}).
 */
package dev.argus.faces.batch;
