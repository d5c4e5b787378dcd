package dev.argus.datastream.lease;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Decides which leases one worker should take so that N workers each hold about shards/N.
 *
 * <p>Rules, applied to the <em>active</em> leases (not finished, and every parent finished or gone):
 * <ol>
 *   <li>the live workers are this one plus every owner of an unexpired active lease;</li>
 *   <li>the target is ceil(active / live workers);</li>
 *   <li>below target, take expired or free leases, at most {@code maxTakeAtOnce}, chosen at random
 *       so that workers starting together spread out;</li>
 *   <li>when none is free and still below target, steal one lease from the most loaded worker if it
 *       holds more than the target, or holds the target while this worker is two or more below it.</li>
 * </ol>
 * A worker at or above target takes nothing, so the assignment settles.
 *
 * <p>Pure apart from the injected {@link Random}; not thread-safe (the Random).
 */
public final class LeaseBalancer {

  /** Leases one worker takes per round, so a new worker does not grab everything at once. */
  public static final int DEFAULT_MAX_TAKE_AT_ONCE = 4;

  private final String workerId;
  private final int maxTakeAtOnce;
  private final Random random;

  /** What to do this round: leases to take because they are free or expired, or one to steal. */
  public record Plan(List<Lease> take, Optional<Lease> steal) {
    public Plan {
      take = List.copyOf(take);
      Objects.requireNonNull(steal, "steal");
    }
  }

  public LeaseBalancer(String workerId, int maxTakeAtOnce, Random random) {
    this.workerId = Objects.requireNonNull(workerId, "workerId");
    if (maxTakeAtOnce < 1) {
      throw new IllegalArgumentException("maxTakeAtOnce must be positive");
    }
    this.maxTakeAtOnce = maxTakeAtOnce;
    this.random = Objects.requireNonNull(random, "random");
  }

  /** Whether a lease may be worked on: not finished, and all of its parents finished or gone. */
  public static boolean isActive(Lease lease, Map<String, Lease> byKey) {
    if (lease.isFinished()) {
      return false;
    }
    for (String parent : lease.parentShardIds()) {
      Lease parentLease = byKey.get(parent);
      if (parentLease != null && !parentLease.isFinished()) {
        return false;
      }
    }
    return true;
  }

  public Plan plan(List<Lease> leases, Predicate<Lease> expired) {
    Map<String, Lease> byKey = leases.stream().collect(Collectors.toMap(Lease::leaseKey, l -> l));
    List<Lease> active = leases.stream().filter(l -> isActive(l, byKey)).toList();
    Map<String, List<Lease>> held = new HashMap<>();
    held.put(workerId, new ArrayList<>());
    List<Lease> available = new ArrayList<>();
    for (Lease lease : active) {
      if (workerId.equals(lease.owner())) {
        held.get(workerId).add(lease);
      } else if (expired.test(lease)) {
        available.add(lease);
      } else {
        held.computeIfAbsent(lease.owner(), o -> new ArrayList<>()).add(lease);
      }
    }
    int target = (active.size() + held.size() - 1) / held.size();
    int mine = held.get(workerId).size();
    if (mine >= target) {
      return new Plan(List.of(), Optional.empty());
    }
    if (!available.isEmpty()) {
      Collections.shuffle(available, random);
      return new Plan(available.subList(0, Math.min(Math.min(target - mine, maxTakeAtOnce), available.size())),
          Optional.empty());
    }
    return new Plan(List.of(), steal(held, target, mine));
  }

  private Optional<Lease> steal(Map<String, List<Lease>> held, int target, int mine) {
    Optional<Map.Entry<String, List<Lease>>> mostLoaded = held.entrySet().stream()
        .filter(e -> !e.getKey().equals(workerId))
        .max(Comparator.comparingInt((Map.Entry<String, List<Lease>> e) -> e.getValue().size())
            .thenComparing(Map.Entry::getKey));
    if (mostLoaded.isEmpty()) {
      return Optional.empty();
    }
    List<Lease> victims = mostLoaded.get().getValue();
    boolean over = victims.size() > target || (victims.size() == target && mine < target - 1);
    if (!over) {
      return Optional.empty();
    }
    return Optional.of(victims.get(random.nextInt(victims.size())));
  }

  /** The shard ids this worker holds in a listing. */
  public Set<String> heldBy(List<Lease> leases) {
    return leases.stream().filter(l -> workerId.equals(l.owner())).map(Lease::leaseKey)
        .collect(Collectors.toSet());
  }
}
