/**
 * Shard leases: who processes which shard, and how far it got.
 *
 * <ul>
 *   <li>Values: {@link dev.argus.datastream.lease.Lease} (owner and counter are the compare-and-set
 *       token) and {@link dev.argus.datastream.lease.Checkpoint}.</li>
 *   <li>The table: {@link dev.argus.datastream.lease.LeaseStore}, with
 *       {@link dev.argus.datastream.lease.InMemoryLeaseStore} (tests, one process),
 *       {@link dev.argus.datastream.lease.LeaseTables} (durable, inside Argus) served by
 *       {@link dev.argus.datastream.lease.LeaseApi} as {@code ArgusLeases_20261125}, and
 *       {@link dev.argus.datastream.lease.HttpLeaseStore}, the client workers in other processes
 *       use.</li>
 *   <li>Pure decisions: {@link dev.argus.datastream.lease.LeaseExpiry} (failover judged on the
 *       observer's clock) and {@link dev.argus.datastream.lease.LeaseBalancer} (take, steal,
 *       parents before children).</li>
 * </ul>
 */
package dev.argus.datastream.lease;
