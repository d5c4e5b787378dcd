/**
 * The consumer library: what the Kinesis Client Library gives AWS users, without DynamoDB or
 * CloudWatch, against Argus or AWS Kinesis alike.
 *
 * <p>Entry point: {@link dev.argus.datastream.consumer.Scheduler}, given a
 * {@link dev.argus.datastream.consumer.ConsumerConfig}, an AWS SDK {@code KinesisClient}, a
 * {@link dev.argus.datastream.lease.LeaseStore} shared by the application's workers, and a
 * {@link dev.argus.datastream.consumer.ShardRecordProcessorFactory}. Each held lease runs a
 * {@link dev.argus.datastream.consumer.ShardRecordProcessor} through its lifecycle with polling
 * GetRecords retrieval, de-aggregated records and validated, two-phase checkpoints.
 */
package dev.argus.datastream.consumer;
