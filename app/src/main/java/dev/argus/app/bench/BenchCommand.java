package dev.argus.app.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code argus bench}: end-to-end load generators; each subcommand prints its figures to stdout. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Runs end-to-end benchmarks.",
    subcommands = {KinesisBenchCommand.class, VideoBenchCommand.class, FacesBenchCommand.class})
public final class BenchCommand implements Runnable {

  @CommandLine.Spec
  private CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
