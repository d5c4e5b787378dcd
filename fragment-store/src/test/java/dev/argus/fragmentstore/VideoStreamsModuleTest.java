package dev.argus.fragmentstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.argus.awshttp.server.HttpServer;
import dev.argus.awshttp.server.ServerConfig;
import dev.argus.fragmentstore.catalog.NewStream;
import dev.argus.fragmentstore.catalog.StreamInfo;
import dev.argus.fragmentstore.catalog.StreamRef;
import dev.argus.fragmentstore.catalogstore.CatalogFile;
import dev.argus.fragmentstore.catalogstore.CorruptCatalogException;
import dev.argus.fragmentstore.store.StoreConfig;
import dev.argus.fragmentstore.store.StreamKey;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VideoStreamsModuleTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void streamsCreatedOverHttpSurviveARestart() throws Exception {
        try (VideoStreamsModule module = VideoStreamsModule.open(dir, CLOCK, "eu-central-1", "111122223333")) {
            HttpServer server = HttpServer.start(ServerConfig.defaults("127.0.0.1", 0), List.of(module.api()));
            try {
                HttpResponse<String> created = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                        HttpRequest.newBuilder(URI.create(server.baseUrl() + "/createStream"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"StreamName\":\"cam-1\",\"DataRetentionInHours\":24}"))
                                .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(created.statusCode()).isEqualTo(200);
                assertThat(created.body()).contains("arn:aws:kinesisvideo:eu-central-1:111122223333:stream/cam-1/");
            } finally {
                server.close();
            }
        }
        try (VideoStreamsModule reopened = VideoStreamsModule.open(dir, CLOCK, "eu-central-1", "111122223333")) {
            StreamInfo s = reopened.catalog().describe(new StreamRef.ByName("cam-1"));
            assertThat(s.dataRetentionInHours()).isEqualTo(24);
            assertThat(s.kmsKeyId()).isEqualTo("arn:aws:kms:eu-central-1:111122223333:alias/aws/kinesisvideo");
        }
    }

    @Test
    void corruptCatalogStopsTheOpen() throws Exception {
        try (VideoStreamsModule module = VideoStreamsModule.open(dir, CLOCK, VideoStreamsModule.DEFAULT_REGION,
                VideoStreamsModule.DEFAULT_ACCOUNT)) {
            module.catalog().create(NewStream.named("a", 1));
        }
        Files.writeString(dir.resolve(CatalogFile.FILE_NAME), "{\"format\":");
        assertThatThrownBy(() -> VideoStreamsModule.open(dir, CLOCK, VideoStreamsModule.DEFAULT_REGION,
                VideoStreamsModule.DEFAULT_ACCOUNT))
                .isInstanceOf(CorruptCatalogException.class)
                .hasMessageContaining(CatalogFile.FILE_NAME);
    }

    @Test
    void deletingAStreamDropsItsLiveFeedToo() throws Exception {
        try (VideoStreamsModule module = VideoStreamsModule.openWithMedia(dir, CLOCK, VideoStreamsModule.DEFAULT_REGION,
                VideoStreamsModule.DEFAULT_ACCOUNT, StoreConfig.defaults())) {
            StreamInfo cam = module.catalog().create(NewStream.named("cam", 24));
            AtomicInteger woken = new AtomicInteger();
            module.live().whenBegun(StreamKey.of(cam), woken::incrementAndGet); // a reader waiting at the edge
            module.catalog().delete(cam.arn(), null);
            assertThat(woken.get()).as("the deleted stream's waiting reader is woken").isEqualTo(1);
            assertThat(module.store().ifOpen(StreamKey.of(cam))).isEmpty();
        }
    }
}
