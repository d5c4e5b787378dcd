package dev.argus.fragmentstore.catalog;

/**
 * A ListStreams request, validated.
 *
 * @param maxResults 1 to {@link #MAX_RESULTS}
 * @param namePrefix StreamNameCondition BEGINS_WITH value; null lists every stream
 * @param after      where to resume; null for the first page
 */
public record ListQuery(int maxResults, String namePrefix, PageToken after) {

  public static final int MAX_RESULTS = 10_000;

  public ListQuery {
    MemberRules.range("MaxResults", maxResults, 1, MAX_RESULTS);
    if (namePrefix != null) {
      MemberRules.matching("ComparisonValue", namePrefix, 1, MemberRules.MAX_STREAM_NAME, MemberRules.NAME);
    }
    if (after != null && !PageToken.STREAMS.equals(after.kind())) {
      throw new InvalidArgumentException("NextToken does not continue a stream listing");
    }
  }

  /** From the wire members; {@code maxResults} null means {@link #MAX_RESULTS}. */
  public static ListQuery of(Integer maxResults, String namePrefix, String nextToken) {
    return new ListQuery(maxResults == null ? MAX_RESULTS : maxResults, namePrefix,
        PageToken.parse(nextToken, PageToken.STREAMS));
  }

  /** Whether the listing includes this name. */
  boolean matches(String name) {
    return namePrefix == null || name.startsWith(namePrefix);
  }
}
