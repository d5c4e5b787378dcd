package dev.argus.parser.mkv;

/**
 * Receives {@link MkvEvent}s from {@link MkvParser}, on the thread that calls {@code feed} or
 * {@code finish}. An exception thrown here propagates out of that call and fails the parser.
 */
@FunctionalInterface
public interface MkvListener {

  void onEvent(MkvEvent event);
}
