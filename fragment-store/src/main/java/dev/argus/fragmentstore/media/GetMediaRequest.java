package dev.argus.fragmentstore.media;

import com.fasterxml.jackson.databind.JsonNode;
import dev.argus.fragmentstore.api.Members;
import dev.argus.fragmentstore.catalog.InvalidArgumentException;
import dev.argus.fragmentstore.fragment.FragmentNumber;
import dev.argus.fragmentstore.fragment.TimestampKind;
import java.time.Instant;
import java.util.function.Function;

/** Reads GetMedia's StartSelector member. Stateless. */
final class GetMediaRequest {
  private GetMediaRequest() {
  }

  /**
   * The request's start selector.
   *
   * @param timestamp decodes a timestamp member in the request's protocol
   * @throws InvalidArgumentException when it is missing, of an unknown type, or lacks the member
   *     its type needs
   */
  static StartSelector selector(JsonNode body, Function<JsonNode, Instant> timestamp) {
    JsonNode selector = Members.required(Members.object(body, "StartSelector"), "StartSelector");
    String type = Members.required(Members.text(selector, "StartSelectorType"), "StartSelectorType");
    switch (type) {
      case "NOW":
        return new StartSelector.Now();
      case "EARLIEST":
        return new StartSelector.Earliest();
      case "FRAGMENT_NUMBER":
        return new StartSelector.AfterFragment(FragmentNumber.parse(
            Members.required(Members.text(selector, "AfterFragmentNumber"), "AfterFragmentNumber")));
      case "PRODUCER_TIMESTAMP":
      case "SERVER_TIMESTAMP":
        Instant start = Members.required(timestamp.apply(selector.get("StartTimestamp")), "StartTimestamp");
        return new StartSelector.AtTime(TimestampKind.valueOf(type), start.toEpochMilli());
      case "CONTINUATION_TOKEN":
        return new StartSelector.Continuation(FragmentNumber.parse(
            Members.required(Members.text(selector, "ContinuationToken"), "ContinuationToken")));
      default:
        throw new InvalidArgumentException("StartSelectorType must be one of FRAGMENT_NUMBER, SERVER_TIMESTAMP, "
            + "PRODUCER_TIMESTAMP, NOW, EARLIEST, CONTINUATION_TOKEN, not " + type);
    }
  }
}
