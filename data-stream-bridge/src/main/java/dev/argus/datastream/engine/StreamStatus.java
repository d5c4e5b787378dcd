package dev.argus.datastream.engine;

/** A stream's lifecycle state, as Kinesis names it. Argus creates and reshards at once, so only ACTIVE and DELETING occur. */
public enum StreamStatus { CREATING, DELETING, ACTIVE, UPDATING }
