package dev.argus.app.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.argus.app.Main;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ServerCommandTest {

  @Test
  void shardLimitsAreOnOrOff() {
    assertThat(ServerCommand.onOff("--shard-limits", "on")).isTrue();
    assertThat(ServerCommand.onOff("--shard-limits", "OFF")).isFalse();
    assertThatThrownBy(() -> ServerCommand.onOff("--shard-limits", "maybe"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("on or off");
  }

  @Test
  void theOptionDefaultsToOnAndParses() {
    CommandLine line = Main.commandLine();
    CommandLine.ParseResult parsed = line.parseArgs("server", "--shard-limits", "off");
    ServerCommand command = (ServerCommand) parsed.subcommand().commandSpec().userObject();
    assertThat(command.shardLimits).isEqualTo("off");
    ServerCommand defaults = (ServerCommand) Main.commandLine().parseArgs("server").subcommand().commandSpec().userObject();
    assertThat(defaults.shardLimits).isEqualTo(System.getenv().getOrDefault("ARGUS_SHARD_LIMITS", "on"));
  }
}
