package dev.argus.datastream.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LeaseTablesTest {

  @TempDir
  Path dir;

  static Stream<Long> seeds() {
    return LongStream.rangeClosed(1, 8).boxed();
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void aDurableTableFollowsTheContractAndReopensIdentical(long seed) throws Exception {
    LeaseTables tables = LeaseTables.open(dir);
    LeaseStore store = tables.table("app-" + seed);
    store.createTableIfNotExists();

    LeaseStoreContract.run(store, seed, 120);

    LeaseTables reopened = LeaseTables.open(dir);
    assertThat(reopened.table("app-" + seed).list()).isEqualTo(store.list());
    assertThat(reopened.tableNames()).containsExactly("app-" + seed);
  }

  @Test
  void tablesAreSeparate() throws Exception {
    LeaseTables tables = LeaseTables.open(dir);
    tables.createTable("a");
    tables.createTable("b");
    tables.table("a").create(Lease.create("s", Checkpoint.LATEST, Set.of()));

    assertThat(tables.table("a").list()).hasSize(1);
    assertThat(tables.table("b").list()).isEmpty();
  }

  @Test
  void aMissingTableIsNotFound() throws Exception {
    LeaseStore store = LeaseTables.open(dir).table("never-created");

    assertThatThrownBy(store::list).isInstanceOf(LeaseTableNotFoundException.class);
    assertThatThrownBy(() -> store.create(Lease.create("s", Checkpoint.LATEST, Set.of())))
        .isInstanceOf(LeaseTableNotFoundException.class);
  }

  @Test
  void aLeftoverTempFileIsAnUnfinishedSaveAndIgnored() throws Exception {
    LeaseTables tables = LeaseTables.open(dir);
    tables.createTable("app");
    tables.table("app").create(Lease.create("s", Checkpoint.TRIM_HORIZON, Set.of()));
    Files.writeString(dir.resolve(LeaseTables.TEMP_NAME), "{\"Version\":1,\"Tables\":{\"half");

    LeaseTables reopened = LeaseTables.open(dir);

    assertThat(reopened.table("app").list()).extracting(Lease::leaseKey).containsExactly("s");
    assertThat(dir.resolve(LeaseTables.TEMP_NAME)).doesNotExist();
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void aCorruptSnapshotRefusesToOpen(long seed) throws Exception {
    LeaseTables tables = LeaseTables.open(dir);
    tables.createTable("app");
    tables.table("app").create(LeaseStoreContract.randomLease(new Random(seed), "shardId-000000000000"));
    byte[] bytes = Files.readAllBytes(dir.resolve(LeaseTables.FILE_NAME));
    Random random = new Random(seed);
    Files.write(dir.resolve(LeaseTables.FILE_NAME), java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length)));

    assertThatThrownBy(() -> LeaseTables.open(dir)).isInstanceOf(CorruptLeaseFileException.class);
  }

  @Test
  void rejectsBadTableNames() throws Exception {
    LeaseTables tables = LeaseTables.open(dir);
    assertThatThrownBy(() -> tables.createTable("no spaces")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> tables.table("")).isInstanceOf(IllegalArgumentException.class);
  }
}
