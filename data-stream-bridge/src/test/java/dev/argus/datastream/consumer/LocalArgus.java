package dev.argus.datastream.consumer;

import dev.argus.awshttp.server.HttpServer;
import dev.argus.awshttp.server.ServerConfig;
import dev.argus.datastream.DataStreamsModule;
import dev.argus.datastream.engine.EngineConfig;
import dev.argus.datastream.lease.LeaseApi;
import dev.argus.datastream.lease.LeaseTables;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * The real Kinesis engine, its wire API and the lease API on one loopback port, in this JVM, with
 * a real SDK sync client: what the consumer tests run against. Nothing here is a stand-in.
 */
final class LocalArgus implements AutoCloseable {

  final DataStreamsModule streams;
  final LeaseTables leases;
  final HttpServer server;
  final KinesisClient kinesis;

  LocalArgus(Path dir) throws Exception {
    streams = DataStreamsModule.open(java.nio.file.Files.createDirectories(dir.resolve("streams")), EngineConfig.defaults().withShardLimits(false));
    leases = LeaseTables.open(dir.resolve("leases"));
    server = HttpServer.start(ServerConfig.defaults("127.0.0.1", 0), List.of(streams.api(), new LeaseApi(leases)));
    kinesis = client(endpoint());
  }

  URI endpoint() {
    return URI.create(server.baseUrl());
  }

  static KinesisClient client(URI endpoint) {
    return KinesisClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("argus", "argus")))
        .httpClient(ApacheHttpClient.builder().socketTimeout(Duration.ofSeconds(10)).build())
        .build();
  }

  void createStream(String name, int shards) throws InterruptedException {
    kinesis.createStream(b -> b.streamName(name).shardCount(shards));
    while (kinesis.describeStreamSummary(b -> b.streamName(name)).streamDescriptionSummary().streamStatus()
        != StreamStatus.ACTIVE) {
      Thread.sleep(20);
    }
  }

  @Override
  public void close() throws Exception {
    kinesis.close();
    server.close();
    streams.close();
  }
}
