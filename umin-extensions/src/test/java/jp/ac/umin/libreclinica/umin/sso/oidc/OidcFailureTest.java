package jp.ac.umin.libreclinica.umin.sso.oidc;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import jp.ac.umin.libreclinica.umin.sso.SsoProperties;
import jp.ac.umin.libreclinica.umin.sso.SsoSignInCompletion;
import org.junit.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;

/** What Spring Security's refusals become: a reason the sign-in page explains and the audit keeps. */
public class OidcFailureTest {

  private final SsoSignInCompletion completion = mock(SsoSignInCompletion.class);
  private final SsoProperties.Oidc config = new SsoProperties.Oidc();
  private final OidcSignOn signOn = new OidcSignOn(config, mock(ClientRegistrationRepository.class), completion);

  private void refused(String errorCode, String reason) throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest();
    MockHttpServletResponse response = new MockHttpServletResponse();
    signOn.failed(request, response, new OAuth2AuthenticationException(new OAuth2Error(errorCode)));
    verify(completion).fail(request, response, "oidc", null, reason);
  }

  @Test
  public void anIdTokenWithAnotherNonceIsANonceMismatch() throws Exception {
    refused("invalid_nonce", "nonce-mismatch");
  }

  @Test
  public void aLostAuthorizationRequestIsAStateMismatch() throws Exception {
    refused("authorization_request_not_found", "state-mismatch");
  }

  @Test
  public void aRefusalAtTheProviderIsReportedAsSuch() throws Exception {
    refused("access_denied", "idp-refused");
  }
}
