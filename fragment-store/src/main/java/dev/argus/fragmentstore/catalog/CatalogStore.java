package dev.argus.fragmentstore.catalog;

import java.io.IOException;

/**
 * Where {@link VideoStreamCatalog} makes each change durable before anyone sees it. Called by one
 * thread at a time, with catalogs of increasing revision.
 */
@FunctionalInterface
public interface CatalogStore {

  /** Keeps nothing: a catalog that forgets everything on restart (tests, throwaway servers). */
  CatalogStore IN_MEMORY = catalog -> {
  };

  /** Makes this catalog the durable one; when it returns, the catalog survives a crash. */
  void save(Catalog catalog) throws IOException;
}
