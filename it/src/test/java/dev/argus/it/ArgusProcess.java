package dev.argus.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code java -jar argus.jar server} as a child process on an ephemeral loopback port. Its
 * stderr (logs) goes to a file under target/, its stdout is read for the
 * {@code argus listening on URL} line. {@link #close()} stops it by its PID: SIGTERM, then SIGKILL
 * if it has not exited within the grace period.
 */
public final class ArgusProcess implements AutoCloseable {

  private static final String READY_PREFIX = "argus listening on ";
  private static final long START_TIMEOUT_SECONDS = 60;
  private static final long STOP_GRACE_SECONDS = 20;

  private final Process process;
  private final URI endpoint;
  private final Path log;

  private ArgusProcess(Process process, URI endpoint, Path log) {
    this.process = process;
    this.endpoint = endpoint;
    this.log = log;
  }

  /** Starts a server on {@code dataDir} with extra server flags, and waits until it listens. */
  public static ArgusProcess start(Path dataDir, String... extraArgs) throws IOException, InterruptedException {
    Path jar = Path.of(System.getProperty("argus.jar", "../app/target/argus.jar")).toAbsolutePath();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("no " + jar + "; run `mvn package` first");
    }
    Path logDir = Files.createDirectories(Path.of("target", "argus-logs"));
    Path log = Files.createTempFile(logDir, "argus-", ".log");
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx1g", "-jar", jar.toString(), "server", "--port", "0", "--data-dir", dataDir.toString()));
    command.addAll(List.of(extraArgs));
    Process process = new ProcessBuilder(command)
        .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
    try {
      return new ArgusProcess(process, awaitEndpoint(process, log), log);
    } catch (IOException | RuntimeException | InterruptedException e) {
      stop(process);
      throw e;
    }
  }

  private static URI awaitEndpoint(Process process, Path log) throws IOException, InterruptedException {
    BufferedReader stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
      try {
        String line;
        while ((line = stdout.readLine()) != null) {
          if (line.startsWith(READY_PREFIX)) {
            return line.substring(READY_PREFIX.length()).trim();
          }
        }
        return null;
      } catch (IOException e) {
        return null;
      }
    });
    try {
      String url = ready.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      if (url == null) {
        throw new IOException("argus exited before listening; log:\n" + Files.readString(log));
      }
      return URI.create(url);
    } catch (TimeoutException e) {
      throw new IOException("argus did not listen within " + START_TIMEOUT_SECONDS + " s; log:\n" + Files.readString(log));
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IOException(e.getCause());
    }
  }

  public URI endpoint() {
    return endpoint;
  }

  public long pid() {
    return process.pid();
  }

  public Process process() {
    return process;
  }

  public String logText() throws IOException {
    return Files.readString(log);
  }

  /** SIGTERM and wait; returns the exit code. */
  public int terminate() throws InterruptedException {
    process.toHandle().destroy();
    if (!process.waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
    return process.exitValue();
  }

  /** SIGKILL and wait, for crash tests. */
  public void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  @Override
  public void close() throws InterruptedException {
    stop(process);
  }

  private static void stop(Process process) throws InterruptedException {
    if (process.isAlive()) {
      process.toHandle().destroy();
      if (!process.waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }
}
