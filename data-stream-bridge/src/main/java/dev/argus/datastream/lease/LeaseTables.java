package dev.argus.datastream.lease;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Every application's lease table inside Argus, durable in one snapshot file, {@value #FILE_NAME},
 * in its directory:
 *
 * <pre>
 * {"Version": 1, "Tables": {"&lt;table name&gt;": [lease, ...], ...}}     (leases as in LeaseCodec)
 * </pre>
 *
 * <p>A change is applied in memory, then acknowledged once a snapshot holding it is durable: the
 * snapshot is written to {@value #TEMP_NAME}, forced, renamed over the file atomically, and the
 * directory is forced. Changes that arrive while a snapshot is being forced share the next one
 * (group commit), so checkpoints and renewals from many workers cost one fsync per batch, not
 * each. Snapshots are taken in change order, so after a crash the file holds every acknowledged
 * change (and perhaps some later ones that were never acknowledged, which readers may also have
 * seen); it is the old snapshot or the new one, never a mix. A leftover temp file is an unfinished
 * save and is deleted on open. If a save fails, its callers get {@link LeaseStoreUnavailableException}
 * and the next save retries with everything since. A file that exists but does not parse is
 * a {@link CorruptLeaseFileException}, never silently an empty table.
 *
 * <p>Bounds: at most {@link #DEFAULT_MAX_TABLES} tables of at most
 * {@link LeaseStore#DEFAULT_MAX_LEASES} leases; a save costs time proportional to all leases, which
 * suits lease tables (one lease per shard).
 *
 * <p>Thread-safe: the monitor orders reads and changes; a second lock orders snapshot writes. One
 * process per directory.
 */
public final class LeaseTables {

  public static final String FILE_NAME = "leases.json";
  static final String TEMP_NAME = FILE_NAME + ".tmp";
  public static final int DEFAULT_MAX_TABLES = 1_000;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path directory;
  /** Every table, changed in place under this object's monitor. */
  private final TreeMap<String, InMemoryLeaseStore> tables;
  /** Orders snapshot writes; held while one is forced to disk. */
  private final Object flushLock = new Object();
  /** Counts changes applied in memory; guarded by this object's monitor. */
  private long version;
  /** The last change a durable snapshot holds; guarded by {@link #flushLock}. */
  private long durableVersion;

  private LeaseTables(Path directory, TreeMap<String, InMemoryLeaseStore> tables) {
    this.directory = directory;
    this.tables = tables;
  }

  /**
   * Opens (creating when missing) the tables kept in {@code directory}.
   *
   * @throws CorruptLeaseFileException when the snapshot exists and is not valid
   */
  public static LeaseTables open(Path directory) throws IOException {
    Files.createDirectories(directory);
    Files.deleteIfExists(directory.resolve(TEMP_NAME));
    Path file = directory.resolve(FILE_NAME);
    TreeMap<String, InMemoryLeaseStore> tables = new TreeMap<>();
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return new LeaseTables(directory, tables);
    }
    try {
      JsonNode root = JSON.readTree(bytes);
      if (root == null || root.path("Version").asInt() != 1 || !root.path("Tables").isObject()) {
        throw new CorruptLeaseFileException(file, "not a version 1 lease snapshot");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = root.get("Tables").properties().iterator(); it.hasNext();) {
        Map.Entry<String, JsonNode> table = it.next();
        tables.put(table.getKey(), InMemoryLeaseStore.of(LeaseCodec.decodeAll(table.getValue()),
            LeaseStore.DEFAULT_MAX_LEASES));
      }
    } catch (IOException | IllegalArgumentException e) {
      throw new CorruptLeaseFileException(file, e.getMessage());
    }
    return new LeaseTables(directory, tables);
  }

  /** The table names, sorted. */
  public synchronized List<String> tableNames() {
    return new ArrayList<>(tables.keySet());
  }

  /** Creates a table; idempotent. */
  public void createTable(String name) {
    checkTableName(name);
    long mine;
    synchronized (this) {
      if (tables.containsKey(name)) {
        mine = version;
      } else {
        if (tables.size() >= DEFAULT_MAX_TABLES) {
          throw new LeaseStoreUnavailableException("too many lease tables: " + DEFAULT_MAX_TABLES, null);
        }
        tables.put(name, new InMemoryLeaseStore());
        mine = ++version;
      }
    }
    awaitDurable(mine);
  }

  static void checkTableName(String name) {
    if (name == null || name.isEmpty() || name.length() > 255 || !name.matches("[A-Za-z0-9_.-]+")) {
      throw new IllegalArgumentException("a table name is 1..255 of [A-Za-z0-9_.-]: " + name);
    }
  }

  /** A {@link LeaseStore} view of one table, whose changes are durable when they return. */
  public LeaseStore table(String name) {
    checkTableName(name);
    return new TableView(name);
  }

  private synchronized <T> T read(String name, Function<InMemoryLeaseStore, T> read) {
    return read.apply(existing(name));
  }

  /**
   * Applies a change in memory (a refused change alters nothing), then returns once a snapshot
   * holding it is durable.
   */
  private <T> T write(String name, Function<InMemoryLeaseStore, T> change) {
    T result;
    long mine;
    synchronized (this) {
      result = change.apply(existing(name));
      mine = ++version;
    }
    awaitDurable(mine);
    return result;
  }

  /**
   * Group commit: the first caller in takes a snapshot of everything changed so far and forces it;
   * the callers queued behind it find their change already durable and return at once.
   */
  private void awaitDurable(long mine) {
    synchronized (flushLock) {
      if (durableVersion >= mine) {
        return;
      }
      Map<String, List<Lease>> snapshot = new TreeMap<>();
      long snapshotVersion;
      synchronized (this) {
        tables.forEach((table, leases) -> snapshot.put(table, leases.list()));
        snapshotVersion = version;
      }
      save(snapshot);
      durableVersion = snapshotVersion;
    }
  }

  private InMemoryLeaseStore existing(String name) {
    InMemoryLeaseStore table = tables.get(name);
    if (table == null) {
      throw new LeaseTableNotFoundException(name);
    }
    return table;
  }

  private void save(Map<String, List<Lease>> snapshot) {
    ObjectNode root = JSON.createObjectNode();
    root.put("Version", 1);
    ObjectNode tablesNode = root.putObject("Tables");
    snapshot.forEach((name, leases) -> tablesNode.set(name, LeaseCodec.encode(leases)));
    Path temp = directory.resolve(TEMP_NAME);
    try {
      ByteBuffer bytes = ByteBuffer.wrap(JSON.writeValueAsBytes(root));
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING)) {
        while (bytes.hasRemaining()) {
          channel.write(bytes);
        }
        channel.force(true);
      }
      Files.move(temp, directory.resolve(FILE_NAME), StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
      try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
        dir.force(true);
      }
    } catch (IOException e) {
      throw new LeaseStoreUnavailableException("saving the lease tables failed: " + e.getMessage(), e);
    }
  }

  /** One table through the shared lock and snapshot. */
  private final class TableView implements LeaseStore {
    private final String name;

    TableView(String name) {
      this.name = name;
    }

    @Override
    public void createTableIfNotExists() {
      createTable(name);
    }

    @Override
    public List<Lease> list() {
      return read(name, InMemoryLeaseStore::list);
    }

    @Override
    public Optional<Lease> get(String leaseKey) {
      return read(name, t -> t.get(leaseKey));
    }

    @Override
    public Lease create(Lease lease) {
      return write(name, t -> t.create(lease));
    }

    @Override
    public Lease update(Lease expected, Lease desired) {
      return write(name, t -> t.update(expected, desired));
    }

    @Override
    public void delete(Lease expected) {
      write(name, t -> {
        t.delete(expected);
        return null;
      });
    }
  }
}
