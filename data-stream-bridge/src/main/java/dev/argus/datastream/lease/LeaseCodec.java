package dev.argus.datastream.lease;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Leases as JSON, for the wire API and the snapshot file alike:
 *
 * <pre>
 * {"LeaseKey": "shardId-000000000001", "Owner": "worker-a" | absent, "Counter": 7,
 *  "Checkpoint": {"SequenceNumber": "4960...", "SubSequenceNumber": 0},
 *  "PendingCheckpoint": {...} | absent, "ParentShardIds": ["shardId-000000000000"]}
 * </pre>
 *
 * A sentinel checkpoint's SequenceNumber is its name (TRIM_HORIZON, LATEST, AT_TIMESTAMP,
 * SHARD_END). Decoding a malformed document is a {@link MalformedLeaseException}. Stateless.
 */
final class LeaseCodec {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private LeaseCodec() {}

  /** A lease document that is not valid. */
  static final class MalformedLeaseException extends IllegalArgumentException {
    MalformedLeaseException(String message) {
      super(message);
    }
  }

  static ObjectNode encode(Lease lease) {
    ObjectNode node = NODES.objectNode();
    node.put("LeaseKey", lease.leaseKey());
    if (lease.owner() != null) {
      node.put("Owner", lease.owner());
    }
    node.put("Counter", lease.counter());
    node.set("Checkpoint", encode(lease.checkpoint()));
    if (lease.pendingCheckpoint() != null) {
      node.set("PendingCheckpoint", encode(lease.pendingCheckpoint()));
    }
    ArrayNode parents = node.putArray("ParentShardIds");
    lease.parentShardIds().stream().sorted().forEach(parents::add);
    return node;
  }

  static ArrayNode encode(List<Lease> leases) {
    ArrayNode array = NODES.arrayNode();
    leases.forEach(l -> array.add(encode(l)));
    return array;
  }

  private static ObjectNode encode(Checkpoint checkpoint) {
    ObjectNode node = NODES.objectNode();
    node.put("SequenceNumber", checkpoint.sequenceNumber());
    node.put("SubSequenceNumber", checkpoint.subSequenceNumber());
    return node;
  }

  static Lease decode(JsonNode node) {
    if (node == null || !node.isObject()) {
      throw new MalformedLeaseException("a lease must be an object");
    }
    try {
      JsonNode pending = node.get("PendingCheckpoint");
      return new Lease(text(node, "LeaseKey", true), text(node, "Owner", false), number(node, "Counter"),
          checkpoint(node.get("Checkpoint")), pending == null || pending.isNull() ? null : checkpoint(pending),
          parents(node.get("ParentShardIds")));
    } catch (MalformedLeaseException e) {
      throw e;
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new MalformedLeaseException("invalid lease: " + e.getMessage());
    }
  }

  static List<Lease> decodeAll(JsonNode node) {
    if (node == null || !node.isArray()) {
      throw new MalformedLeaseException("leases must be an array");
    }
    List<Lease> leases = new ArrayList<>(node.size());
    node.forEach(n -> leases.add(decode(n)));
    return leases;
  }

  private static Checkpoint checkpoint(JsonNode node) {
    if (node == null || !node.isObject()) {
      throw new MalformedLeaseException("a checkpoint must be an object");
    }
    return new Checkpoint(text(node, "SequenceNumber", true), number(node, "SubSequenceNumber"));
  }

  private static Set<String> parents(JsonNode node) {
    if (node == null || node.isNull()) {
      return Set.of();
    }
    if (!node.isArray()) {
      throw new MalformedLeaseException("ParentShardIds must be an array");
    }
    Set<String> parents = new HashSet<>();
    for (JsonNode parent : node) {
      if (!parent.isTextual()) {
        throw new MalformedLeaseException("ParentShardIds must hold strings");
      }
      parents.add(parent.textValue());
    }
    return parents;
  }

  static String text(JsonNode node, String field, boolean required) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      if (required) {
        throw new MalformedLeaseException(field + " is required");
      }
      return null;
    }
    if (!value.isTextual()) {
      throw new MalformedLeaseException(field + " must be a string");
    }
    return value.textValue();
  }

  private static long number(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.canConvertToExactIntegral() || !value.canConvertToLong()) {
      throw new MalformedLeaseException(field + " must be an integer");
    }
    return value.longValue();
  }
}
