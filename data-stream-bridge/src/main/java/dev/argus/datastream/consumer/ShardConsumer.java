package dev.argus.datastream.consumer;

import dev.argus.datastream.aggregation.DeaggregatedRecord;
import dev.argus.datastream.aggregation.RecordDeaggregator;
import dev.argus.datastream.lease.Checkpoint;
import dev.argus.datastream.lease.Lease;
import dev.argus.datastream.lease.LeaseConflictException;
import dev.argus.datastream.lease.LeaseStore;
import dev.argus.datastream.lease.LeaseStoreException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one {@link ShardRecordProcessor} for one held lease, on its own thread, through the lifecycle
 * initialize → processRecords* → shardEnded | leaseLost | shutdownRequested.
 *
 * <p>Resuming from a checkpoint {@code (seq, sub)} reads AT_SEQUENCE_NUMBER {@code seq} and drops
 * user records at or before {@code (seq, sub)}, so a checkpoint inside an aggregate resumes after
 * its last checkpointed user record. An exception thrown by the processor is logged and the batch
 * is skipped, as the KCL does. At the shard's end, once the processor checkpoints SHARD_END, the
 * lease is freed and leases for the child shards are created (starting at TRIM_HORIZON).
 *
 * <p>Thread-safe for {@link #requestShutdown()} and {@link #isDone()}; the rest runs on its thread.
 */
final class ShardConsumer implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(ShardConsumer.class);
  /** How long the consumer waits for a page before re-checking the lease and shutdown. */
  static final long POLL_MILLIS = 100;

  private final HeldLease held;
  private final ShardRecordProcessorFactory factory;
  private final Retrieval retrieval;
  private final LeaseStore store;
  private final ConsumerConfig config;
  private final ExecutorService threads;
  private volatile boolean shutdownRequested;
  private volatile boolean done;
  private volatile boolean abandoned;

  ShardConsumer(HeldLease held, ShardRecordProcessorFactory factory, Retrieval retrieval, LeaseStore store,
      ConsumerConfig config, ExecutorService threads) {
    this.held = held;
    this.factory = factory;
    this.retrieval = retrieval;
    this.store = store;
    this.config = config;
    this.threads = threads;
  }

  HeldLease held() {
    return held;
  }

  /** Makes the consumer stop without any further processor call or store write (a crash). */
  void abandon() {
    abandoned = true;
    held.abandon();
  }

  void requestShutdown() {
    shutdownRequested = true;
  }

  boolean isDone() {
    return done;
  }

  @Override
  public void run() {
    String shardId = held.shardId();
    Thread.currentThread().setName("argus-shard-" + shardId);
    Lease lease = held.current();
    Instant atTimestamp = config.initialPosition() instanceof InitialPosition.AtTimestamp at ? at.timestamp() : null;
    RecordsSource fetcher = retrieval.open(shardId, lease.checkpoint(), atTimestamp);
    ShardRecordProcessor processor = factory.create();
    ShardCheckpointer checkpointer = new ShardCheckpointer(held);
    try {
      processor.initialize(new InitializationInput(shardId, lease.checkpoint(), lease.pendingCheckpoint()));
      fetcher.start(threads);
      consume(processor, checkpointer, fetcher, lease.checkpoint().isSentinel() ? null : lease.checkpoint());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      if (!abandoned) {
        processor.leaseLost(new LeaseLostInput(shardId));
      }
    } catch (RuntimeException e) {
      LOG.error("shard consumer for {} failed; giving the lease up", shardId, e);
      held.release();
    } finally {
      fetcher.stop();
      done = true;
    }
  }

  private void consume(ShardRecordProcessor processor, ShardCheckpointer checkpointer, RecordsSource fetcher,
      Checkpoint resumeAfter) throws InterruptedException {
    String shardId = held.shardId();
    while (!abandoned) {
      if (shutdownRequested) {
        callSafely(() -> processor.shutdownRequested(new ShutdownRequestedInput(shardId, checkpointer)));
        held.release();
        return;
      }
      if (!held.isHeld()) {
        processor.leaseLost(new LeaseLostInput(shardId));
        return;
      }
      RecordsPage page = fetcher.poll(POLL_MILLIS);
      if (page == null) {
        continue;
      }
      List<DeaggregatedRecord> records = after(RecordDeaggregator.deaggregate(page.records()), resumeAfter);
      if (!records.isEmpty()) {
        checkpointer.delivered(records.get(records.size() - 1));
        callSafely(() -> processor.processRecords(
            new ProcessRecordsInput(records, checkpointer, page.millisBehindLatest())));
      }
      if (page.atShardEnd()) {
        finishShard(processor, checkpointer, page.childShards());
        return;
      }
    }
  }

  private void finishShard(ShardRecordProcessor processor, ShardCheckpointer checkpointer,
      List<ShardDescription> children) throws InterruptedException {
    checkpointer.reachedShardEnd();
    String shardId = held.shardId();
    while (!checkpointer.shardEndCheckpointed()) {
      if (!held.isHeld()) {
        processor.leaseLost(new LeaseLostInput(shardId));
        return;
      }
      callSafely(() -> processor.shardEnded(new ShardEndedInput(shardId, checkpointer)));
      if (!checkpointer.shardEndCheckpointed()) {
        LOG.error("processor of {} returned from shardEnded without checkpointing; calling it again", shardId);
        Thread.sleep(config.idleBetweenReads().toMillis());
      }
    }
    for (ShardDescription child : children) {
      try {
        store.create(Lease.create(child.shardId(), Checkpoint.TRIM_HORIZON, child.parentShardIds()));
      } catch (LeaseConflictException alreadyThere) {
        // another parent's worker or the shard sync created it
      } catch (LeaseStoreException e) {
        LOG.warn("could not create the lease of child shard {}; the shard sync will", child.shardId(), e);
      }
    }
  }

  /** Runs a processor call; its failures are logged, except a lost lease, which ends the consumer. */
  private void callSafely(Runnable call) {
    try {
      call.run();
    } catch (LeaseLostException e) {
      LOG.info("lease {} lost during a processor call: {}", held.shardId(), e.getMessage());
    } catch (RuntimeException e) {
      LOG.error("processor of {} threw; its batch is skipped", held.shardId(), e);
    }
  }

  static List<DeaggregatedRecord> after(List<DeaggregatedRecord> records, Checkpoint resumeAfter) {
    if (resumeAfter == null) {
      return records;
    }
    List<DeaggregatedRecord> kept = new ArrayList<>(records.size());
    for (DeaggregatedRecord record : records) {
      if (Checkpoint.at(record.sequenceNumber(), record.subSequenceNumber()).compareTo(resumeAfter) > 0) {
        kept.add(record);
      }
    }
    return kept;
  }
}
