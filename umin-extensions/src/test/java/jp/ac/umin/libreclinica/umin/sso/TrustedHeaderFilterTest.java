package jp.ac.umin.libreclinica.umin.sso;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.Test;
import org.springframework.mock.web.MockHttpServletRequest;

public class TrustedHeaderFilterTest {

  private static TrustedHeaderFilter filter(String... proxies) {
    SsoProperties.TrustedHeader config = new SsoProperties.TrustedHeader();
    config.setTrustedProxies(List.of(proxies));
    return new TrustedHeaderFilter(config, null);
  }

  @Test
  public void believesOnlyConfiguredAddressesAndRanges() {
    TrustedHeaderFilter f = filter("127.0.0.1", " 10.1.0.0/16 ", "");
    assertTrue(f.fromTrustedProxy("127.0.0.1"));
    assertTrue(f.fromTrustedProxy("10.1.200.3"));
    assertFalse(f.fromTrustedProxy("10.2.0.1"));
    assertFalse(f.fromTrustedProxy("192.0.2.1"));
    assertFalse(f.fromTrustedProxy(null));
    assertFalse(filter().fromTrustedProxy("127.0.0.1"));
  }

  @Test
  public void readsUtf8HeaderBytesTheFirstOfSeveralValuesAndPrefersAjpAttributes() {
    MockHttpServletRequest r = new MockHttpServletRequest();
    String utf8AsTomcatReadsIt =
        new String("山田 太郎".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    r.addHeader("displayName", utf8AsTomcatReadsIt + ";Taro Yamada");
    r.addHeader("uid", " ;taro-1");
    assertEquals("山田 太郎", TrustedHeaderFilter.header(r, "displayName"));
    assertEquals("taro-1", TrustedHeaderFilter.header(r, "uid"));
    assertNull(TrustedHeaderFilter.header(r, "mail"));
    assertNull(TrustedHeaderFilter.header(r, ""));
    r.setAttribute("uid", "from-ajp");
    assertEquals("from-ajp", TrustedHeaderFilter.header(r, "uid"));
  }

  @Test
  public void passesGivenAndFamilyNameForJustInTimeAccounts() throws Exception {
    SsoProperties.TrustedHeader config = new SsoProperties.TrustedHeader();
    config.setTrustedProxies(List.of("127.0.0.1"));
    SsoSignInCompletion completion = org.mockito.Mockito.mock(SsoSignInCompletion.class);
    MockHttpServletRequest r = new MockHttpServletRequest("GET", "/sso/header");
    r.setRemoteAddr("127.0.0.1");
    r.addHeader("persistent-id", "idp!sp!abc");
    r.addHeader("uid", "taro-1");
    r.addHeader("mail", "taro@example.org");
    r.addHeader("givenName", "Taro");
    r.addHeader("sn", "Yamada");
    new TrustedHeaderFilter(config, completion)
        .doFilter(r, new org.springframework.mock.web.MockHttpServletResponse(), new org.springframework.mock.web.MockFilterChain());
    var in = org.mockito.ArgumentCaptor.forClass(jp.ac.umin.libreclinica.core.identity.ExternalSignIn.class);
    org.mockito.Mockito.verify(completion)
        .complete(org.mockito.ArgumentMatchers.any(), org.mockito.ArgumentMatchers.any(),
            org.mockito.ArgumentMatchers.eq("header"), in.capture());
    assertEquals("idp!sp!abc", in.getValue().subject());
    assertEquals("Taro", in.getValue().givenName());
    assertEquals("Yamada", in.getValue().familyName());
  }
}
