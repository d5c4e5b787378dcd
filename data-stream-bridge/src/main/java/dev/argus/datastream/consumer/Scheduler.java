package dev.argus.datastream.consumer;

import dev.argus.datastream.lease.Lease;
import dev.argus.datastream.lease.LeaseBalancer;
import dev.argus.datastream.lease.LeaseConflictException;
import dev.argus.datastream.lease.LeaseExpiry;
import dev.argus.datastream.lease.LeaseStore;
import dev.argus.datastream.lease.LeaseStoreException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * Consumes a stream with one {@link ShardRecordProcessor} per shard lease this worker holds, sharing
 * the shards with every other worker on the same {@link LeaseStore}.
 *
 * <p>Two periodic tasks run on the scheduler thread:
 * <ul>
 *   <li>every {@code renewInterval}: renew each held lease (bump its counter);</li>
 *   <li>every {@code takeInterval}: create leases for new shards and delete the leases of shards
 *       finished with all their children started (every {@code shardSyncInterval}, see
 *       {@link ShardSync} and {@link LeaseCleanup}), observe the table, take free and expired leases and steal for
 *       balance ({@link LeaseBalancer}), and start a shard consumer for each lease newly held.</li>
 * </ul>
 * A lease whose renewal finds another owner, or that could not be renewed for the failover time,
 * ends its consumer with {@code leaseLost}. A child shard's lease becomes active only when its
 * parents' leases reached SHARD_END, so per-key order holds across splits and merges.
 *
 * <p>{@link #shutdown()} asks every processor to checkpoint ({@code shutdownRequested}) and frees
 * each lease so that other workers take them at once, without waiting for the failover time.
 *
 * <p>Records are read by polling (GetRecords, the public constructor) or by enhanced fan-out
 * (SubscribeToShard, {@link #fanOut}); both behave the same for processors.
 *
 * <p>Thread-safe. Threads: one scheduler thread, plus per held lease a processor thread and, when
 * polling, a fetcher thread (fan-out events arrive on the SDK client's threads).
 */
public final class Scheduler implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);
  /** How long {@link #shutdown()} waits for processors to finish their last call. */
  public static final Duration DEFAULT_SHUTDOWN_WAIT = Duration.ofSeconds(30);

  private final ConsumerConfig config;
  private final Retrieval retrieval;
  private final LeaseStore store;
  private final ShardRecordProcessorFactory factory;
  private final Clock clock;
  private final LeaseExpiry expiry;
  private final LeaseBalancer balancer;
  private final Map<String, ShardConsumer> consumers = new ConcurrentHashMap<>();
  private final ScheduledExecutorService timer;
  private final ExecutorService threads;
  private long nextShardSyncMillis = Long.MIN_VALUE;
  private volatile boolean stopping;

  /** A scheduler polling with GetRecords through the AWS SDK's sync client (against Argus or AWS). */
  public Scheduler(ConsumerConfig config, KinesisClient kinesis, LeaseStore store, ShardRecordProcessorFactory factory,
      Clock clock, Random random) {
    this(config, new SdkKinesisShards(kinesis, config.streamName()), store, factory, clock, random);
  }

  /**
   * A scheduler reading with enhanced fan-out (SubscribeToShard) through the AWS SDK's async
   * client, as the stream consumer {@code consumerName}: {@link #start()} registers it, or reuses
   * the one of that name, and waits until it is ACTIVE. The client's HTTP client must speak HTTP/2
   * (the SDK's Netty client does, h2c with prior knowledge for an {@code http://} endpoint), and
   * allow at least as many concurrent streams as shards this worker may hold (the Netty client's
   * {@code maxConcurrency}, 50 by default): each held shard keeps one subscription open. Workers
   * of one application share the consumer name.
   */
  public static Scheduler fanOut(ConsumerConfig config, KinesisAsyncClient kinesis, String consumerName,
      LeaseStore store, ShardRecordProcessorFactory factory, Clock clock, Random random) {
    return new Scheduler(config, new FanOutRetrieval(kinesis, consumerName, config), store, factory, clock, random);
  }

  Scheduler(ConsumerConfig config, KinesisShards shards, LeaseStore store, ShardRecordProcessorFactory factory,
      Clock clock, Random random) {
    this(config, new PollingRetrieval(shards, config), store, factory, clock, random);
  }

  Scheduler(ConsumerConfig config, Retrieval retrieval, LeaseStore store, ShardRecordProcessorFactory factory,
      Clock clock, Random random) {
    this.config = Objects.requireNonNull(config, "config");
    this.retrieval = Objects.requireNonNull(retrieval, "retrieval");
    this.store = Objects.requireNonNull(store, "store");
    this.factory = Objects.requireNonNull(factory, "factory");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.expiry = new LeaseExpiry(config.failover(), clock);
    this.balancer = new LeaseBalancer(config.workerId(), config.maxTakeAtOnce(), random);
    this.timer = Executors.newSingleThreadScheduledExecutor(named("argus-scheduler-" + config.workerId()));
    this.threads = Executors.newCachedThreadPool(named("argus-shard"));
  }

  private static ThreadFactory named(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /**
   * Creates the lease table if needed, readies retrieval (fan-out registers its consumer) and
   * starts taking leases.
   */
  public void start() {
    store.createTableIfNotExists();
    retrieval.prepare();
    timer.scheduleWithFixedDelay(this::renewSafely, config.renewInterval().toMillis(),
        config.renewInterval().toMillis(), TimeUnit.MILLISECONDS);
    timer.scheduleWithFixedDelay(this::takeSafely, 0, config.takeInterval().toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The shards this worker processes now. */
  public Set<String> heldShards() {
    return consumers.values().stream().filter(c -> !c.isDone() && c.held().isHeld()).map(c -> c.held().shardId())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private void renewSafely() {
    try {
      consumers.values().forEach(c -> c.held().renew());
    } catch (RuntimeException e) {
      LOG.warn("renewing leases failed", e);
    }
  }

  private void takeSafely() {
    if (stopping) {
      return;
    }
    try {
      takeRound();
    } catch (LeaseStoreException e) {
      LOG.warn("lease table unavailable this round: {}", e.getMessage());
    } catch (RuntimeException e) {
      if (!stopping) {
        LOG.warn("taking leases failed this round", e);
      }
    }
  }

  private void takeRound() {
    consumers.values().removeIf(ShardConsumer::isDone);
    syncShardsIfDue();
    List<Lease> leases = store.list();
    expiry.observe(leases);
    Map<String, Lease> byKey = leases.stream().collect(Collectors.toMap(Lease::leaseKey, Function.identity()));
    for (Lease lease : leases) {
      if (config.workerId().equals(lease.owner()) && !consumers.containsKey(lease.leaseKey())
          && LeaseBalancer.isActive(lease, byKey)) {
        startConsumer(lease);
      }
    }
    LeaseBalancer.Plan plan = balancer.plan(leases, expiry::isExpired);
    List<Lease> wanted = new ArrayList<>(plan.take());
    plan.steal().ifPresent(wanted::add);
    for (Lease lease : wanted) {
      try {
        startConsumer(store.update(lease, lease.withOwner(config.workerId())));
      } catch (LeaseConflictException lostRace) {
        LOG.debug("lease {} moved before we took it", lease.leaseKey());
      }
    }
  }

  private void syncShardsIfDue() {
    long now = clock.millis();
    if (now < nextShardSyncMillis) {
      return;
    }
    Map<String, Lease> existing = store.list().stream().collect(Collectors.toMap(Lease::leaseKey, Function.identity()));
    List<ShardDescription> listed = retrieval.listShards();
    for (Lease lease : ShardSync.newLeases(listed, existing, config.initialPosition())) {
      try {
        store.create(lease);
      } catch (LeaseConflictException alreadyCreated) {
        // another worker's sync got there first
      }
    }
    for (Lease finished : LeaseCleanup.deletable(listed, existing)) {
      try {
        store.delete(finished);
        LOG.info("worker {} deleted the finished lease {}", config.workerId(), finished.leaseKey());
      } catch (LeaseConflictException changed) {
        // another worker deleted it, or it changed since the listing: the next sync decides again
      }
    }
    nextShardSyncMillis = now + config.shardSyncInterval().toMillis();
  }

  private void startConsumer(Lease lease) {
    if (stopping) {
      return;
    }
    HeldLease held = new HeldLease(store, config.workerId(), lease, clock, config.failover());
    ShardConsumer consumer = new ShardConsumer(held, factory, retrieval, store, config, threads);
    consumers.put(lease.leaseKey(), consumer);
    threads.execute(consumer);
    LOG.info("worker {} took lease {} at {}", config.workerId(), lease.leaseKey(), lease.checkpoint());
  }

  /**
   * Stops cleanly: processors get {@code shutdownRequested} and may checkpoint, then their leases are
   * freed for other workers. Waits up to {@link #DEFAULT_SHUTDOWN_WAIT}.
   */
  public void shutdown() {
    stopping = true;
    timer.shutdown();
    try {
      timer.awaitTermination(DEFAULT_SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS);
      consumers.values().forEach(ShardConsumer::requestShutdown);
      long deadline = System.nanoTime() + DEFAULT_SHUTDOWN_WAIT.toNanos();
      while (consumers.values().stream().anyMatch(c -> !c.isDone()) && System.nanoTime() < deadline) {
        Thread.sleep(ShardConsumer.POLL_MILLIS / 2);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      threads.shutdownNow();
    }
  }

  /**
   * Stops at once, as a crash would: no processor call, no checkpoint, no lease release; the leases
   * stay owned by this worker until others judge them expired. For failover tests.
   */
  void crash() {
    stopping = true;
    timer.shutdownNow();
    consumers.values().forEach(ShardConsumer::abandon);
    threads.shutdownNow();
  }

  @Override
  public void close() {
    shutdown();
  }
}
