package dev.argus.app.bench;

import picocli.CommandLine.Command;

/** {@code argus bench}: end-to-end load runs; each subcommand prints a table to stdout. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Runs end-to-end benchmarks.",
    subcommands = {VideoBenchCommand.class})
public final class BenchCommand implements Runnable {
  @Override
  public void run() {
    System.out.println("usage: argus bench video [--streams 10,50,100,200] [--seconds 30]");
  }
}
