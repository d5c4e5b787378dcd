package dev.argus.fragmentstore.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.argus.awshttp.api.AwsRequest;
import dev.argus.fragmentstore.api.Documents.CreateStreamOutput;
import dev.argus.fragmentstore.api.Documents.DescribeStreamOutput;
import dev.argus.fragmentstore.api.Documents.GetDataEndpointOutput;
import dev.argus.fragmentstore.api.Documents.ListStreamsOutput;
import dev.argus.fragmentstore.api.Documents.ListTagsForStreamOutput;
import dev.argus.fragmentstore.api.Documents.StreamInfoDocument;
import dev.argus.fragmentstore.catalog.InvalidArgumentException;
import dev.argus.fragmentstore.catalog.ListQuery;
import dev.argus.fragmentstore.catalog.NewStream;
import dev.argus.fragmentstore.catalog.Page;
import dev.argus.fragmentstore.catalog.RetentionOperation;
import dev.argus.fragmentstore.catalog.RetentionUpdate;
import dev.argus.fragmentstore.catalog.StreamArn;
import dev.argus.fragmentstore.catalog.StreamInfo;
import dev.argus.fragmentstore.catalog.StreamRef;
import dev.argus.fragmentstore.catalog.Tags;
import dev.argus.fragmentstore.catalog.VideoStreamCatalog;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The control-plane operations: each reads its request members, calls the catalog and returns
 * its response document. Requests are read member by member (see {@link Members}) rather than
 * bound to classes, so that every failure names the member at fault. Catalog failures propagate
 * as {@link dev.argus.fragmentstore.catalog.CatalogException}s for {@link ErrorTable}.
 *
 * <p>Thread-safe: stateless apart from the thread-safe catalog.
 */
final class ControlPlaneOperations {

  /** TagStream's Tags and UntagStream's TagKeyList: 1 to 50 entries. */
  static final int MAX_TAGS_PER_REQUEST = Tags.MAX_TAGS;

  private final VideoStreamCatalog catalog;

  ControlPlaneOperations(VideoStreamCatalog catalog) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
  }

  Object createStream(AwsRequest request) {
    JsonNode body = request.body();
    Integer hours = Members.integer(body, "DataRetentionInHours");
    Map<String, String> tags = Members.stringMap(body, "Tags");
    checkStorageConfiguration(Members.object(body, "StreamStorageConfiguration"));
    StreamInfo created = catalog.create(new NewStream(Members.text(body, "StreamName"),
        Members.text(body, "DeviceName"), Members.text(body, "MediaType"), Members.text(body, "KmsKeyId"),
        hours == null ? 0 : hours, tags == null ? Tags.NONE : Tags.of(tags)));
    return new CreateStreamOutput(created.arn().toString());
  }

  Object describeStream(AwsRequest request) {
    return new DescribeStreamOutput(StreamInfoDocument.of(catalog.describe(ref(request.body()))));
  }

  Object listStreams(AwsRequest request) {
    JsonNode body = request.body();
    JsonNode condition = Members.object(body, "StreamNameCondition");
    String prefix = null;
    if (condition != null) {
      String operator = Members.text(condition, "ComparisonOperator");
      if (operator != null && !"BEGINS_WITH".equals(operator)) {
        throw new InvalidArgumentException("ComparisonOperator must be BEGINS_WITH, not " + operator);
      }
      prefix = Members.text(condition, "ComparisonValue");
    }
    Page<StreamInfo> page = catalog.list(ListQuery.of(Members.integer(body, "MaxResults"), prefix,
        Members.text(body, "NextToken")));
    List<StreamInfoDocument> items = page.items().stream().map(StreamInfoDocument::of).toList();
    return new ListStreamsOutput(items, page.nextToken());
  }

  Object deleteStream(AwsRequest request) {
    JsonNode body = request.body();
    StreamArn arn = StreamArn.parse("StreamARN", Members.text(body, "StreamARN"));
    catalog.delete(arn, Members.text(body, "CurrentVersion"));
    return Documents.EMPTY;
  }

  Object updateDataRetention(AwsRequest request) {
    JsonNode body = request.body();
    StreamRef ref = ref(body);
    String version = Members.required(Members.text(body, "CurrentVersion"), "CurrentVersion");
    RetentionOperation operation = RetentionOperation.parse(
        Members.required(Members.text(body, "Operation"), "Operation"));
    int change = Members.required(Members.integer(body, "DataRetentionChangeInHours"),
        "DataRetentionChangeInHours");
    catalog.updateRetention(new RetentionUpdate(ref, version, operation, change));
    return Documents.EMPTY;
  }

  Object getDataEndpoint(AwsRequest request) {
    JsonNode body = request.body();
    DataEndpoint.ApiName.parse(Members.required(Members.text(body, "APIName"), "APIName"));
    catalog.describe(ref(body)); // an unknown stream has no endpoint
    return new GetDataEndpointOutput(DataEndpoint.fromHost(request.head().header("Host")));
  }

  Object tagStream(AwsRequest request) {
    JsonNode body = request.body();
    StreamRef ref = ref(body);
    Map<String, String> tags = Members.required(Members.stringMap(body, "Tags"), "Tags");
    checkCount("Tags", tags.size());
    catalog.tag(ref, Tags.of(tags));
    return Documents.EMPTY;
  }

  Object untagStream(AwsRequest request) {
    JsonNode body = request.body();
    StreamRef ref = ref(body);
    List<String> keys = Members.required(Members.stringList(body, "TagKeyList"), "TagKeyList");
    checkCount("TagKeyList", keys.size());
    keys.forEach(Tags::key);
    catalog.untag(ref, keys);
    return Documents.EMPTY;
  }

  Object listTagsForStream(AwsRequest request) {
    JsonNode body = request.body();
    StreamRef ref = ref(body);
    Page<Map.Entry<String, String>> page = catalog.listTags(ref, Members.text(body, "NextToken"));
    Map<String, String> tags = new LinkedHashMap<>();
    page.items().forEach(e -> tags.put(e.getKey(), e.getValue()));
    return new ListTagsForStreamOutput(tags, page.nextToken());
  }

  private static StreamRef ref(JsonNode body) {
    return StreamRef.of(Members.text(body, "StreamName"), Members.text(body, "StreamARN"));
  }

  private static void checkCount(String member, int count) {
    if (count < 1 || count > MAX_TAGS_PER_REQUEST) {
      throw new InvalidArgumentException(member + " must have 1 to " + MAX_TAGS_PER_REQUEST + " entries, not "
          + count);
    }
  }

  /** Accepted for compatibility; every stream here has one storage tier. */
  private static void checkStorageConfiguration(JsonNode configuration) {
    if (configuration == null) {
      return;
    }
    String tier = Members.text(configuration, "DefaultStorageTier");
    if (!"HOT".equals(tier) && !"WARM".equals(tier)) {
      throw new InvalidArgumentException("StreamStorageConfiguration.DefaultStorageTier must be HOT or WARM, not "
          + tier);
    }
  }
}
