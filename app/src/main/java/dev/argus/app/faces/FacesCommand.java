package dev.argus.app.faces;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code argus faces}: face work that is not a server API. Today: {@code analyze}. */
@Command(name = "faces", mixinStandardHelpOptions = true,
    description = "Face analysis over stored video.",
    subcommands = {AnalyzeCommand.class, CommandLine.HelpCommand.class})
public final class FacesCommand implements Runnable {

  @CommandLine.Spec
  private CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
