package jp.ac.umin.libreclinica.umin.sso.saml;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The IDs of assertions already used, each kept until the assertion would have expired anyway:
 * the same assertion posted again is refused.
 */
public class ReplayCache {

  private final Map<String, Instant> seen = new ConcurrentHashMap<>();

  /** Records {@code id} until {@code until}; false when it was seen before. */
  public boolean firstUse(String id, Instant until, Instant now) {
    if (seen.size() > 10_000) {
      seen.values().removeIf(t -> t.isBefore(now));
    }
    return seen.putIfAbsent(id, until) == null;
  }
}
