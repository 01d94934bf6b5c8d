package jp.ac.umin.libreclinica.core.wsauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Successful web-services credential checks, remembered for a short time so that a client's
 * every call does not run the slow password hash again. The key is the user and the SHA-256 of
 * the digest the client presented (never the digest itself); the value says what matched (the
 * account's password or which web-services key) and the account's state at that moment (its
 * version and password change time), so a changed password, a lock or any other change of the
 * account makes the entry worthless even before it expires. Failures are never remembered.
 */
final class VerificationCache {

  /** What a successful check matched, and the account as it was then. */
  record Stamp(long accountVersion, Instant passwordChangedAt, Long keyId) {}

  private record Entry(Stamp stamp, Instant expires) {}

  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private final Duration ttl;
  private final int maxEntries;
  private final Clock clock;
  private final AtomicLong hits = new AtomicLong();

  VerificationCache(Duration ttl, int maxEntries, Clock clock) {
    this.ttl = ttl;
    this.maxEntries = maxEntries;
    this.clock = clock;
  }

  boolean enabled() {
    return !ttl.isZero() && !ttl.isNegative();
  }

  /** The stamp of an unexpired success of this user with this digest, if any. */
  Stamp get(String userName, String digest) {
    if (!enabled()) {
      return null;
    }
    String key = key(userName, digest);
    Entry e = entries.get(key);
    if (e == null) {
      return null;
    }
    if (!e.expires().isAfter(clock.instant())) {
      entries.remove(key, e);
      return null;
    }
    return e.stamp();
  }

  void hit() {
    hits.incrementAndGet();
  }

  void put(String userName, String digest, Stamp stamp) {
    if (!enabled()) {
      return;
    }
    if (entries.size() >= maxEntries) {
      Instant now = clock.instant();
      entries.values().removeIf(e -> !e.expires().isAfter(now));
      if (entries.size() >= maxEntries) {
        entries.clear();
      }
    }
    entries.put(key(userName, digest), new Entry(stamp, clock.instant().plus(ttl)));
  }

  /** Forgets every success of the user (a failure, a revoked key, a changed account). */
  void forget(String userName) {
    String prefix = userName + '\u0000';
    entries.keySet().removeIf(k -> k.startsWith(prefix));
  }

  long hits() {
    return hits.get();
  }

  int size() {
    return entries.size();
  }

  private static String key(String userName, String digest) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(digest.getBytes(StandardCharsets.UTF_8));
      return userName + '\u0000' + HexFormat.of().formatHex(h);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
