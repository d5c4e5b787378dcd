package dev.argus.samples;

import dev.argus.app.server.ArgusConfig;
import dev.argus.app.server.ArgusServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;

/** A real Argus server in this JVM on an ephemeral 127.0.0.1 port, for the samples' tests. */
public final class ArgusServers {

  private ArgusServers() {
  }

  public static ArgusServer start(Path dataDir) throws IOException, InterruptedException {
    return ArgusServer.start(new ArgusConfig("127.0.0.1", 0, dataDir));
  }

  public static URI endpoint(ArgusServer server) {
    return URI.create(server.baseUrl());
  }
}
