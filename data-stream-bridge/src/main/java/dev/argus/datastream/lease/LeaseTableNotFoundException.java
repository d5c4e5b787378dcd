package dev.argus.datastream.lease;

/** The named lease table does not exist; {@link LeaseStore#createTableIfNotExists()} makes it. */
public final class LeaseTableNotFoundException extends LeaseStoreException {

  public LeaseTableNotFoundException(String table) {
    super("lease table not found: " + table, null);
  }
}
