package dev.argus.datastream.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.argus.awshttp.server.HttpServer;
import dev.argus.awshttp.server.ServerConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The client against the real {@link LeaseApi} on the real aws-http server, over loopback. */
class HttpLeaseStoreTest {

  @TempDir
  Path dir;
  private HttpServer server;
  private LeaseTables tables;

  @BeforeEach
  void start() throws Exception {
    tables = LeaseTables.open(dir);
    server = HttpServer.start(ServerConfig.defaults("127.0.0.1", 0), List.of(new LeaseApi(tables)));
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private HttpLeaseStore client(String table) {
    // Generous: the test machine may be loaded far past its cores; correctness is under test here.
    return new HttpLeaseStore(URI.create(server.baseUrl() + "/"), table, Duration.ofSeconds(60));
  }

  static Stream<Long> seeds() {
    return LongStream.rangeClosed(1, 4).boxed();
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void followsTheConditionalUpdateContractOverTheWire(long seed) {
    HttpLeaseStore store = client("app");
    store.createTableIfNotExists();

    LeaseStoreContract.run(store, seed, 150);

    assertThat(tables.table("app").list()).isEqualTo(store.list());
  }

  @Test
  void twoClientsRaceAndOneWins() {
    HttpLeaseStore a = client("app");
    HttpLeaseStore b = client("app");
    a.createTableIfNotExists();
    Lease read = a.create(Lease.create("shardId-000000000000", Checkpoint.TRIM_HORIZON, Set.of()));

    a.update(read, read.withOwner("a"));

    assertThatThrownBy(() -> b.update(read, read.withOwner("b"))).isInstanceOf(LeaseConflictException.class);
    assertThat(b.get("shardId-000000000000")).hasValueSatisfying(l -> assertThat(l.owner()).isEqualTo("a"));
    assertThat(b.get("shardId-000000000009")).isEmpty();
  }

  @Test
  void aMissingTableIsNotFound() {
    assertThatThrownBy(() -> client("nope").list()).isInstanceOf(LeaseTableNotFoundException.class);
  }

  @Test
  void aStoppedServerIsUnavailable() throws Exception {
    HttpLeaseStore store = new HttpLeaseStore(URI.create(server.baseUrl() + "/"), "app", Duration.ofMillis(500));
    server.close();

    assertThatThrownBy(store::list).isInstanceOf(LeaseStoreUnavailableException.class);
  }
}
