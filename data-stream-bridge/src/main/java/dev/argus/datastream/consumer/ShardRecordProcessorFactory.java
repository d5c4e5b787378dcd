package dev.argus.datastream.consumer;

/** Makes one fresh {@link ShardRecordProcessor} per shard lease taken; called from scheduler threads. */
@FunctionalInterface
public interface ShardRecordProcessorFactory {

  ShardRecordProcessor create();
}
