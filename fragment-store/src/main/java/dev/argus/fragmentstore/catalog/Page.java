package dev.argus.fragmentstore.catalog;

import java.util.List;
import java.util.Objects;

/**
 * One page of a listing.
 *
 * @param items     in key order
 * @param nextToken the wire NextToken for the following page; null on the last page
 */
public record Page<T>(List<T> items, String nextToken) {

  public Page {
    items = List.copyOf(Objects.requireNonNull(items, "items"));
  }
}
