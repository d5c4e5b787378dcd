package dev.argus.datastream.engine;

/** Capacity mode: PROVISIONED (shard count set by the user) or ON_DEMAND (4 shards, split when hot). */
public enum StreamMode { PROVISIONED, ON_DEMAND }
