package dev.argus.it;

/**
 * {@link ConsumerFailoverIT}'s tests with enhanced fan-out: every worker JVM registers (or reuses)
 * one stream consumer and reads its leased shards through SubscribeToShard over HTTP/2 with the
 * SDK's async client, while one worker is SIGKILLed mid-stream, and while shards are split and
 * merged. The benchmark ({@code -Dargus.bench=true}) measures fan-out throughput the same way.
 */
class ConsumerFanOutIT extends ConsumerFailoverIT {

  @Override
  String retrieval() {
    return "fanout";
  }
}
