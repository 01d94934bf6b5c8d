package jp.ac.umin.libreclinica.core.signature;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jp.ac.umin.libreclinica.core.account.AccountService;
import jp.ac.umin.libreclinica.core.account.SignerReauthentication;
import jp.ac.umin.libreclinica.core.identity.IdentityService;
import org.junit.Before;
import org.junit.Test;

/** How the re-authentication for a signature is chosen for single sign-on signers. */
public class ReauthenticationServiceTest {

  /** An identity-provider way that records whom it was asked about. */
  static final class IdpWay implements SignerReauthentication {
    final String method;
    final boolean answersForSso;
    boolean proof;
    final List<String> asked = new ArrayList<>();

    IdpWay(String method, boolean answersForSso) {
      this.method = method;
      this.answersForSso = answersForSso;
    }

    @Override
    public boolean appliesTo(String signInMethod) {
      return method.equals(signInMethod) || (answersForSso && "sso".equals(signInMethod));
    }

    @Override
    public Optional<String> redirectFor(String userName, String returnPath) {
      return Optional.of("/sso/" + method + "/reauth?return=" + returnPath);
    }

    @Override
    public boolean proven(String userName, String password, Instant since) {
      asked.add(userName);
      return proof;
    }
  }

  private final IdentityService identities = mock(IdentityService.class);
  private final AccountService accounts = mock(AccountService.class);
  private final IdpWay saml = new IdpWay("saml:umin", true);
  private final IdpWay oidc = new IdpWay("oidc:campus", false);
  private ReauthenticationService service;

  @Before
  public void anSsoOnlySigner() {
    when(identities.localSignInAllowed("taro")).thenReturn(false);
    when(identities.localSignInAllowed("hanako")).thenReturn(true);
    service = new ReauthenticationService(List.of(saml, oidc), identities, accounts,
        Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC));
  }

  @Test
  public void theWayIsTheOneTheSignerSignedInWithNotTheFirstThatAnswersForSso() {
    assertEquals(Optional.of("/sso/oidc:campus/reauth?return=/subjects/1/sign"),
        service.redirectFor("taro", "oidc:campus", "/subjects/1/sign"));
    oidc.proof = true;
    service.requirePresence("taro", null);
    assertEquals(List.of("taro"), oidc.asked);
    assertTrue(saml.asked.isEmpty());
  }

  @Test
  public void anUnknownSignInMethodFallsBackToTheWayThatAnswersForSso() {
    assertEquals(Optional.of("/sso/saml:umin/reauth?return=/x"), service.redirectFor("taro", "header:umin", "/x"));
  }

  @Test
  public void aSignerWhoGivesAPasswordIsNotSentAnywhere() {
    assertEquals(Optional.empty(), service.redirectFor("hanako", "local", "/x"));
  }

  @Test
  public void withoutAProofFromTheIdentityProviderTheSignerIsToldToConfirmThere() {
    service.redirectFor("taro", "saml:umin", "/x");
    SignatureException e = assertThrows(SignatureException.class, () -> service.requirePresence("taro", "any"));
    assertEquals("signature.reauth.idpRequired", e.messageKey());
  }

  @Test
  public void withoutAnyIdentityProviderWaySsoSignersAreRefusedWithTheReason() {
    ReauthenticationService none = new ReauthenticationService(List.of(), identities, accounts, Clock.systemUTC());
    assertEquals(Optional.empty(), none.redirectFor("taro", "saml:umin", "/x"));
    SignatureException e = assertThrows(SignatureException.class, () -> none.requirePresence("taro", null));
    assertEquals("signature.reauth.ssoNotAvailable", e.messageKey());
  }
}
