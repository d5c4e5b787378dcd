package dev.argus.log;

/**
 * One sparse index point: the entry at {@code offset} starts at byte {@code position} of its segment
 * and has timestamp {@code timestampMillis}.
 */
record IndexEntry(long offset, long position, long timestampMillis) {}
