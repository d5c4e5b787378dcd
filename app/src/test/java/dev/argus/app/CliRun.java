package dev.argus.app;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * One in-process run of the {@code argus} command line as tests see it, through
 * {@link Main#commandLine()} with stdout and stderr captured.
 *
 * @param exit the exit code the command returned
 * @param out  everything it printed on stdout
 * @param err  everything it printed on stderr
 */
public record CliRun(int exit, String out, String err) {

  /** Runs {@code argus ARGS...} to completion. */
  public static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args);
    return new CliRun(exit, out.toString(), err.toString());
  }
}
