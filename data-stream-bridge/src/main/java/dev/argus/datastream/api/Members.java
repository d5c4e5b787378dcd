package dev.argus.datastream.api;

import dev.argus.awshttp.api.RequestMembers;
import dev.argus.datastream.engine.ValidationException;

/**
 * Kinesis's wording of the shared {@link RequestMembers} reader: absent and JSON {@code null} are
 * absent; a member of the wrong type is a {@code SerializationException}; a missing required one,
 * or an integer beyond 32 bits, a {@code ValidationException}, as Kinesis answers. Stateless.
 */
final class Members {

  static final RequestMembers MEMBERS = new RequestMembers(new RequestMembers.Errors() {
    @Override
    public RuntimeException missing(String member) {
      return new ValidationException("1 validation error detected: Value null at '" + lowerFirst(member)
          + "' failed to satisfy constraint: Member must not be null");
    }

    @Override
    public RuntimeException outOfRange(String member, String expected, String value) {
      return new ValidationException("1 validation error detected: Value at '" + member + "' is out of range");
    }
  });

  private Members() {
  }

  private static String lowerFirst(String member) {
    return Character.toLowerCase(member.charAt(0)) + member.substring(1);
  }
}
