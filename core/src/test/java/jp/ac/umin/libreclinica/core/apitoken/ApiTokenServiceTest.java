package jp.ac.umin.libreclinica.core.apitoken;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import jp.ac.umin.libreclinica.core.audit.AuditQuery;
import jp.ac.umin.libreclinica.core.audit.AuditRecord;
import jp.ac.umin.libreclinica.core.audit.AuditService;
import jp.ac.umin.libreclinica.coretest.CoreTestApplication;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.junit4.SpringRunner;

@RunWith(SpringRunner.class)
@SpringBootTest(classes = {CoreTestApplication.class, ApiTokenServiceTest.Config.class})
public class ApiTokenServiceTest {

  static final Map<String, Long> ACCOUNTS = new ConcurrentHashMap<>();
  static final AtomicLong NEXT_ID = new AtomicLong(1_000_000);
  static final AtomicReference<Duration> SKEW = new AtomicReference<>(Duration.ZERO);

  @TestConfiguration
  static class Config {
    @Bean
  @org.springframework.context.annotation.Primary
    ApiTokenOwnerDirectory testOwners() {
      return new ApiTokenOwnerDirectory() {
        @Override
        public Optional<Long> accountIdOf(String userName) {
          return Optional.ofNullable(ACCOUNTS.get(userName));
        }

        @Override
        public Optional<String> userNameOf(long accountId) {
          return ACCOUNTS.entrySet().stream()
              .filter(e -> e.getValue() == accountId)
              .map(Map.Entry::getKey)
              .findFirst();
        }
      };
    }

    /** The real clock, moved forward by {@link #SKEW} so that a test can let time pass. */
    @Bean
    @Primary
    Clock testClock() {
      return new Clock() {
        @Override
        public ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return Instant.now().plus(SKEW.get());
        }
      };
    }
  }

  @Autowired ApiTokenService service;
  @Autowired AuditService audit;
  @Autowired JdbcTemplate jdbc;

  private static String newUser() {
    String name = "u-" + UUID.randomUUID();
    ACCOUNTS.put(name, NEXT_ID.incrementAndGet());
    return name;
  }

  private List<AuditRecord> auditOf(Object tokenId, String action) {
    return audit
        .search(new AuditQuery(null, action, "api_token", String.valueOf(tokenId)),
            PageRequest.of(0, 10))
        .getContent();
  }

  @Test
  public void issuesATokenWhoseSecretIsNotStoredAndThatIdentifiesItsOwner() {
    String user = newUser();
    IssuedApiToken issued = service.create(user, "CI pipeline", null);
    assertTrue(issued.secret().startsWith("lct_"));
    assertTrue(issued.secret().length() >= 40);
    Integer stored =
        jdbc.queryForObject(
            "SELECT count(*) FROM api_token WHERE token_hash = ? OR token_hint = ?"
                + " OR name = ?",
            Integer.class, issued.secret(), issued.secret(), issued.secret());
    assertEquals(Integer.valueOf(0), stored);
    assertFalse(issued.toString().contains(issued.secret()));

    ApiTokenCheck check = service.check(issued.secret());
    assertTrue(check.accepted());
    assertEquals(user, check.userName());
    ApiToken listed = service.tokensOf(user).get(0);
    assertEquals("CI pipeline", listed.getName());
    assertNotNull(listed.getLastUsedAt());
    assertTrue(issued.secret().startsWith(listed.getTokenHint()));

    AuditRecord created = auditOf(listed.getId(), "api.token.create").get(0);
    assertEquals(user, created.actor());
    assertFalse(created.newValue().contains(issued.secret()));
  }

  @Test
  public void twoTokensNeverShareASecret() {
    String user = newUser();
    assertFalse(service.create(user, "a", null).secret()
        .equals(service.create(user, "b", null).secret()));
  }

  @Test
  public void revokedTokenIsRefusedAndTheRevocationAndRefusalAreAudited() {
    String user = newUser();
    IssuedApiToken issued = service.create(user, "laptop", null);
    long id = issued.token().getId();
    service.revoke(user, id);
    ApiTokenCheck check = service.check(issued.secret());
    assertFalse(check.accepted());
    assertEquals(ApiTokenCheck.Refusal.REVOKED, check.refusal());
    assertNull(check.userName());
    assertEquals(ApiTokenStatus.REVOKED, service.tokensOf(user).get(0).getStatus());
    assertEquals(user, auditOf(id, "api.token.revoke").get(0).actor());
    assertEquals("reason=revoked", auditOf(id, "api.token.rejected").get(0).newValue());
    ApiTokenException again = assertThrows(ApiTokenException.class, () -> service.revoke(user, id));
    assertEquals("tokens.error.alreadyRevoked", again.messageKey());
  }

  @Test
  public void unknownTokenIsRefusedAndAudited() {
    long before = audit.search(new AuditQuery("anonymous", "api.token.rejected", null, null),
        PageRequest.of(0, 1)).getTotalElements();
    ApiTokenCheck check = service.check("lct_" + UUID.randomUUID());
    assertEquals(ApiTokenCheck.Refusal.UNKNOWN, check.refusal());
    assertEquals(before + 1, audit.search(new AuditQuery("anonymous", "api.token.rejected", null,
        null), PageRequest.of(0, 1)).getTotalElements());
  }

  @Test
  public void expiredTokenIsRefused() {
    String user = newUser();
    IssuedApiToken issued = service.create(user, "short", Instant.now().plus(Duration.ofHours(1)));
    assertTrue(service.check(issued.secret()).accepted());
    SKEW.set(Duration.ofHours(2));
    try {
      assertEquals(ApiTokenCheck.Refusal.EXPIRED, service.check(issued.secret()).refusal());
    } finally {
      SKEW.set(Duration.ZERO);
    }
  }

  @Test
  public void aUserCannotRevokeSomeoneElsesToken() {
    String owner = newUser();
    String other = newUser();
    IssuedApiToken issued = service.create(owner, "mine", null);
    ApiTokenException e =
        assertThrows(ApiTokenException.class, () -> service.revoke(other, issued.token().getId()));
    assertEquals("tokens.error.notFound", e.messageKey());
    assertTrue(service.check(issued.secret()).accepted());
  }

  @Test
  public void rejectsBadNamesAndPastExpiryAndStoresNothing() {
    String user = newUser();
    assertRefused("tokens.error.nameRequired", () -> service.create(user, "  ", null));
    assertRefused("tokens.error.nameRequired", () -> service.create(user, null, null));
    assertRefused("tokens.error.nameTooLong", () -> service.create(user, "x".repeat(101), null));
    assertRefused("tokens.error.nameInvalid", () -> service.create(user, "a\nb", null));
    assertRefused(
        "tokens.error.expiryPast",
        () -> service.create(user, "late", Instant.now().minus(Duration.ofMinutes(1))));
    assertTrue(service.tokensOf(user).isEmpty());
  }

  @Test
  public void rejectsADuplicateActiveNameButAllowsItAfterRevocation() {
    String user = newUser();
    IssuedApiToken first = service.create(user, "Build", null);
    assertRefused("tokens.error.nameDuplicate", () -> service.create(user, "build", null));
    service.revoke(user, first.token().getId());
    service.create(user, "build", null);
    assertEquals(2, service.tokensOf(user).size());
  }

  @Test
  public void keepsHostileAndNonBmpNamesAsTyped() {
    String user = newUser();
    String name = "<script>alert(1)</script> 𠮷' OR '1'='1";
    service.create(user, name, null);
    assertEquals(name, service.tokensOf(user).get(0).getName());
    assertEquals("𠮷".repeat(100), service.create(user, "𠮷".repeat(100), null).token().getName());
  }

  @Test
  public void aUserWithoutAccountCannotCreateTokens() {
    assertRefused("tokens.error.noAccount", () -> service.create("nobody-" + UUID.randomUUID(),
        "x", null));
  }

  private static void assertRefused(String key, Runnable action) {
    ApiTokenException e = assertThrows(ApiTokenException.class, action::run);
    assertEquals(key, e.messageKey());
  }
}
