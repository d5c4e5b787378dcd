/**
 * The consumer library: what the Kinesis Client Library gives AWS users, without DynamoDB or
 * CloudWatch, against Argus or AWS Kinesis alike.
 *
 * <p>Entry point: {@link dev.argus.datastream.consumer.Scheduler}, given a
 * {@link dev.argus.datastream.consumer.ConsumerConfig}, a
 * {@link dev.argus.datastream.lease.LeaseStore} shared by the application's workers, a
 * {@link dev.argus.datastream.consumer.ShardRecordProcessorFactory}, and how to read: an AWS SDK
 * {@code KinesisClient} for polling GetRecords (the constructor), or an SDK
 * {@code KinesisAsyncClient} with an HTTP/2 client for enhanced fan-out through SubscribeToShard
 * ({@link dev.argus.datastream.consumer.Scheduler#fanOut}). Each held lease runs a
 * {@link dev.argus.datastream.consumer.ShardRecordProcessor} through its lifecycle with
 * de-aggregated records and validated, two-phase checkpoints; finished shards' leases are deleted
 * once their children started.
 */
package dev.argus.datastream.consumer;
