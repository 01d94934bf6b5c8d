package jp.ac.umin.libreclinica.core.wsauth;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.Test;

public class VerificationCacheTest {

  /** A clock the test moves. */
  private static final class MovingClock extends Clock {
    Instant now = Instant.parse("2026-11-24T00:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneId.of("UTC");
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private static final VerificationCache.Stamp STAMP = new VerificationCache.Stamp(3, Instant.EPOCH, null);

  @Test
  public void aSuccessIsRememberedOnlyForItsDigestAndUntilItsTimeIsUp() {
    MovingClock clock = new MovingClock();
    VerificationCache cache = new VerificationCache(Duration.ofSeconds(60), 100, clock);
    cache.put("alice", "abc", STAMP);
    assertEquals(STAMP, cache.get("alice", "abc"));
    assertNull("another digest", cache.get("alice", "abd"));
    assertNull("another user", cache.get("bob", "abc"));
    clock.now = clock.now.plusSeconds(60);
    assertNull("expired", cache.get("alice", "abc"));
    assertEquals(0, cache.size());
  }

  @Test
  public void forgettingAUserDropsOnlyTheirEntries() {
    VerificationCache cache = new VerificationCache(Duration.ofSeconds(60), 100, new MovingClock());
    cache.put("alice", "abc", STAMP);
    cache.put("alice", "xyz", STAMP);
    cache.put("alice2", "abc", STAMP);
    cache.forget("alice");
    assertNull(cache.get("alice", "abc"));
    assertNull(cache.get("alice", "xyz"));
    assertNotNull(cache.get("alice2", "abc"));
  }

  @Test
  public void aZeroTtlRemembersNothingAndAFullCacheMakesRoom() {
    VerificationCache off = new VerificationCache(Duration.ZERO, 100, new MovingClock());
    off.put("alice", "abc", STAMP);
    assertNull(off.get("alice", "abc"));
    VerificationCache small = new VerificationCache(Duration.ofSeconds(60), 2, new MovingClock());
    small.put("a", "1", STAMP);
    small.put("b", "1", STAMP);
    small.put("c", "1", STAMP);
    assertNotNull(small.get("c", "1"));
    assertEquals(1, small.size());
  }
}
