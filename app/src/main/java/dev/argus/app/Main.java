package dev.argus.app;

import dev.argus.app.bench.BenchCommand;
import dev.argus.app.demo.DemoCommand;
import dev.argus.app.faces.FacesCommand;
import dev.argus.app.mkv.MkvCommand;
import dev.argus.app.produce.ProduceCommand;
import dev.argus.app.server.ServerCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code argus} command. Program output goes to stdout; logs go to stderr.
 */
@Command(name = "argus", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = "Self-hosted video ingestion and analysis on the Kinesis Video, Rekognition and Kinesis APIs.",
    subcommands = {DemoCommand.class, ServerCommand.class, ProduceCommand.class, FacesCommand.class, MkvCommand.class,
        BenchCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

  @CommandLine.Spec
  private CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, shared by {@link #main} and tests. */
  public static CommandLine commandLine() {
    return new CommandLine(new Main()).setExecutionExceptionHandler(Main::reportFailure);
  }

  /** A failed command prints one line to stderr (the stack trace only with ARGUS_DEBUG set) and exits 1. */
  private static int reportFailure(Exception failure, CommandLine command, CommandLine.ParseResult parsed) {
    String message = failure.getMessage() == null ? failure.toString() : failure.getMessage();
    command.getErr().println("argus " + command.getCommandName() + ": " + message);
    if (System.getenv("ARGUS_DEBUG") != null) {
      failure.printStackTrace(command.getErr());
    }
    return 1;
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
