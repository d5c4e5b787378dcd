package dev.argus.app;

import picocli.CommandLine;

/** The version from the jar manifest; "dev" when run from classes. */
public final class Version implements CommandLine.IVersionProvider {

  public static String current() {
    String version = Version.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }

  @Override
  public String[] getVersion() {
    return new String[] {"argus " + current()};
  }
}
