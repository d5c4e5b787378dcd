package dev.argus.datastream.lease;

import static org.assertj.core.api.Assertions.assertThat;

import dev.argus.awshttp.api.RequestHead;
import dev.argus.awshttp.server.HttpServer;
import dev.argus.awshttp.server.ServerConfig;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API's error table and request validation, as raw HTTP sees them. */
class LeaseApiTest {

  @TempDir
  Path dir;
  private HttpServer server;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.start(ServerConfig.defaults("127.0.0.1", 0), List.of(new LeaseApi(LeaseTables.open(dir))));
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private HttpResponse<String> post(String op, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/"))
        .header("Content-Type", "application/x-amz-json-1.1")
        .header("X-Amz-Target", LeaseApi.TARGET_PREFIX + op)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void answersEachFailureWithItsAwsErrorType() throws Exception {
    assertThat(post("ListLeases", "{\"TableName\":\"t\"}").headers().firstValue("x-amzn-ErrorType"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("ResourceNotFoundException"));
    assertThat(post("CreateLeaseTable", "{\"TableName\":\"t\"}").statusCode()).isEqualTo(200);
    String lease = "{\"LeaseKey\":\"s\",\"Counter\":0,\"Checkpoint\":{\"SequenceNumber\":\"LATEST\","
        + "\"SubSequenceNumber\":0}}";
    assertThat(post("CreateLease", "{\"TableName\":\"t\",\"Lease\":" + lease + "}").statusCode()).isEqualTo(200);
    HttpResponse<String> conflict = post("CreateLease", "{\"TableName\":\"t\",\"Lease\":" + lease + "}");
    assertThat(conflict.statusCode()).isEqualTo(400);
    assertThat(conflict.body()).contains("ConditionalCheckFailedException");
    HttpResponse<String> stale = post("UpdateLease",
        "{\"TableName\":\"t\",\"ExpectedCounter\":5,\"Lease\":" + lease + "}");
    assertThat(stale.body()).contains("ConditionalCheckFailedException");
    HttpResponse<String> invalid = post("UpdateLease", "{\"TableName\":\"t\",\"Lease\":" + lease + "}");
    assertThat(invalid.body()).contains("ValidationException");
    assertThat(post("CreateLeaseTable", "{\"TableName\":\"bad name\"}").body()).contains("ValidationException");
    assertThat(post("Explode", "{}").body()).contains("UnknownOperationException");
  }

  @Test
  void declinesOtherTargets() throws Exception {
    LeaseApi api = new LeaseApi(LeaseTables.open(dir.resolve("other")));
    HttpHeaders headers = new DefaultHttpHeaders().add("X-Amz-Target", "Kinesis_20131202.ListShards");

    assertThat(api.resolve(new RequestHead(HttpMethod.POST, "/", "", headers, "id"))).isEmpty();
  }
}
