package dev.argus.app.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.argus.app.Main;
import dev.argus.datastream.engine.EngineConfig;
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

  @Test
  void directAppendsTakeOffOrASizeInBytesKiBOrMiB() {
    assertThat(ServerCommand.directAppendBytes("off")).isEqualTo(EngineConfig.DIRECT_APPENDS_OFF);
    assertThat(ServerCommand.directAppendBytes("OFF")).isEqualTo(EngineConfig.DIRECT_APPENDS_OFF);
    assertThat(ServerCommand.directAppendBytes("131072")).isEqualTo(131_072);
    assertThat(ServerCommand.directAppendBytes("128k")).isEqualTo(131_072);
    assertThat(ServerCommand.directAppendBytes("1M")).isEqualTo(1 << 20);
    assertThat(ServerCommand.directAppendBytes("0")).isZero();
    assertThat(ServerCommand.directAppendBytes("2047m")).isEqualTo(2047 << 20);
    for (String bad : new String[] {"", "on", "-1", "+5", "12x", "1.5m", "k", "2048m", "2147483647", "99999999999"}) {
      assertThatThrownBy(() -> ServerCommand.directAppendBytes(bad)).as(bad)
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--direct-appends");
    }
  }

  @Test
  void directAppendsDefaultToTheEnginesThreshold() {
    ServerCommand command = (ServerCommand) Main.commandLine().parseArgs("server", "--direct-appends", "off")
        .subcommand().commandSpec().userObject();
    assertThat(command.directAppends).isEqualTo("off");
    ServerCommand defaults = (ServerCommand) Main.commandLine().parseArgs("server").subcommand().commandSpec().userObject();
    if (System.getenv("ARGUS_DIRECT_APPENDS") == null) {
      assertThat(ServerCommand.directAppendBytes(defaults.directAppends)).isEqualTo(EngineConfig.DEFAULT_DIRECT_APPEND_BYTES);
    } else {
      assertThat(defaults.directAppends).isEqualTo(System.getenv("ARGUS_DIRECT_APPENDS"));
    }
  }
}
