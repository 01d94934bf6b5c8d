package jp.ac.umin.libreclinica.umin.sso.saml;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.fail;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import jp.ac.umin.libreclinica.umin.sso.SsoProperties;
import org.junit.Before;
import org.junit.Test;

public class SamlResponseValidatorTest {

  static final String SP = "https://edc.example.org/sso/saml/metadata";
  static final String ACS = "https://edc.example.org/sso/saml/acs";
  static final String EPPN = "urn:oid:1.3.6.1.4.1.5923.1.1.1.6";

  private final TestIdp idp = new TestIdp();
  private SsoProperties.Saml config;
  private SamlRequestStore requests;
  private SamlResponseValidator validator;
  private String requestId;

  @Before
  public void setUp() {
    config = new SsoProperties.Saml();
    config.setEnabled(true);
    config.setEntityId(SP);
    config.setBaseUrl("https://edc.example.org/");
    requests = new SamlRequestStore(config.getRequestLifetime());
    validator =
        new SamlResponseValidator(
            config,
            IdpMetadata.parse(idp.metadata().getBytes(StandardCharsets.UTF_8), ""),
            requests,
            new ReplayCache());
    requestId = "_req-" + System.nanoTime();
    requests.add(new SamlRequestStore.Pending(requestId, Instant.now(), false, null, null));
  }

  private TestIdp.Response good() {
    return idp.response(SP, ACS, requestId)
        .attribute(EPPN, "taro@umin.ac.jp")
        .attribute("urn:oid:0.9.2342.19200300.100.1.3", "taro@example.org")
        .attribute("jaDisplayName", "山田 太郎");
  }

  private String refusal(TestIdp.Response response) {
    try {
      validator.validate(response.encoded(), Instant.now());
    } catch (SamlException e) {
      return e.reason();
    }
    fail("accepted");
    return null;
  }

  @Test
  public void aSignedAssertionForThisServiceGivesTheSubjectAndAttributes() {
    TestIdp.Response r = good();
    SamlAssertion a = validator.validate(r.encoded(), Instant.now());
    assertEquals(r.nameId, a.subject());
    assertEquals("taro", a.displayId());
    assertEquals("taro@example.org", a.email());
    assertEquals("山田 太郎", a.displayName());
    assertEquals(requestId, a.request().id());
  }

  @Test
  public void aSignedResponseAroundAnUnsignedAssertionIsAccepted() {
    TestIdp.Response r = good();
    r.signAssertion = false;
    r.signResponse = true;
    assertEquals(r.nameId, validator.validate(r.encoded(), Instant.now()).subject());
  }

  @Test
  public void anUnsignedResponseIsRefused() {
    TestIdp.Response r = good();
    r.signAssertion = false;
    assertEquals("unsigned", refusal(r));
  }

  @Test
  public void aResponseSignedWithAnotherKeyIsRefused() {
    TestIdp.Response r = good();
    r.signingKeys = TestIdp.keyPair();
    assertEquals("bad-signature", refusal(r));
  }

  @Test
  public void anAssertionChangedAfterSigningIsRefused() {
    TestIdp.Response r = good();
    r.tamper = true;
    assertEquals("bad-signature", refusal(r));
  }

  @Test
  public void anExpiredAssertionIsRefusedButASmallClockDifferenceIsAllowed() {
    TestIdp.Response late = good();
    late.notOnOrAfter = Instant.now().minusSeconds(600);
    assertEquals("expired", refusal(late));

    TestIdp.Response early = good();
    early.notBefore = Instant.now().plusSeconds(60);
    validator.validate(early.encoded(), Instant.now());
  }

  @Test
  public void anAssertionNotYetValidBeyondTheSkewIsRefused() {
    TestIdp.Response r = good();
    r.notBefore = Instant.now().plusSeconds(600);
    assertEquals("expired", refusal(r));
  }

  @Test
  public void theSameAssertionPostedTwiceIsRefusedTheSecondTime() {
    TestIdp.Response r = good();
    String encoded = r.encoded();
    validator.validate(encoded, Instant.now());
    try {
      validator.validate(encoded, Instant.now());
      fail("replay accepted");
    } catch (SamlException e) {
      assertEquals("replayed", e.reason());
    }
  }

  @Test
  public void anAssertionForAnotherServiceIsRefused() {
    TestIdp.Response r = good();
    r.audience = "https://other.example.org/shibboleth";
    assertEquals("wrong-audience", refusal(r));
  }

  @Test
  public void aResponseSentToAnotherAddressIsRefused() {
    TestIdp.Response r = good();
    r.destination = "https://other.example.org/acs";
    assertEquals("wrong-recipient", refusal(r));
    TestIdp.Response s = good();
    s.recipient = "https://other.example.org/acs";
    assertEquals("wrong-recipient", refusal(s));
  }

  @Test
  public void aResponseToARequestThisServerDidNotSendIsRefused() {
    TestIdp.Response r = good();
    r.inResponseTo = "_someone-elses-request";
    assertEquals("unsolicited", refusal(r));
    TestIdp.Response unsolicited = good();
    unsolicited.inResponseTo = null;
    assertEquals("unsolicited", refusal(unsolicited));
  }

  @Test
  public void aResponseFromAnotherIssuerIsRefused() {
    TestIdp.Response r = good();
    r.issuer = "https://evil.example.org/idp";
    assertEquals("invalid-response", refusal(r));
  }

  @Test
  public void aResponseWithoutTheUminIdIsRefused() {
    TestIdp.Response r = idp.response(SP, ACS, requestId);
    assertEquals("missing-attributes", refusal(r));
  }

  @Test
  public void anIdpErrorStatusIsReportedAsRefusedByTheIdp() {
    TestIdp.Response r = good();
    r.status = "urn:oasis:names:tc:SAML:2.0:status:Responder";
    assertEquals("idp-refused", refusal(r));
  }

  @Test
  public void aDocumentTypeDeclarationIsRefusedBeforeAnyEntityIsRead() {
    TestIdp.Response r = good();
    r.doctype = "<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>";
    assertEquals("invalid-response", refusal(r));
  }

  @Test
  public void aWrappedSecondAssertionIsRefused() {
    TestIdp.Response r = good();
    String xml = r.xml();
    // Signature wrapping: a forged assertion next to the signed one.
    String forged =
        xml.replaceFirst(
            "(<saml:Assertion )",
            "<saml:Assertion ID=\"_forged\" Version=\"2.0\"><saml:Issuer>" + TestIdp.ENTITY_ID
                + "</saml:Issuer></saml:Assertion>$1");
    String encoded = Base64.getEncoder().encodeToString(forged.getBytes(StandardCharsets.UTF_8));
    try {
      validator.validate(encoded, Instant.now());
      fail("wrapped assertion accepted");
    } catch (SamlException e) {
      assertEquals("invalid-response", e.reason());
    }
  }

  @Test
  public void theSubjectCanComeFromEduPersonTargetedId() {
    config.setSubjectAttribute("urn:oid:1.3.6.1.4.1.5923.1.1.1.10");
    TestIdp.Response r = good().attribute("urn:oid:1.3.6.1.4.1.5923.1.1.1.10", "targeted-123");
    assertEquals("targeted-123", validator.validate(r.encoded(), Instant.now()).subject());
  }

  @Test
  public void theAuthnRequestAsksForAPersistentIdAndCanForceAuthentication() throws Exception {
    SamlServiceProvider sp =
        new SamlServiceProvider(
            config,
            IdpMetadata.parse(idp.metadata().getBytes(StandardCharsets.UTF_8), ""),
            requests,
            java.time.Clock.systemUTC());
    String url = sp.authnRequestUrl(true, "taro", "/sign");
    String xml = SamlTestSupport.inflate(url);
    org.hamcrest.MatcherAssert.assertThat(xml, org.hamcrest.Matchers.containsString("ForceAuthn=\"true\""));
    org.hamcrest.MatcherAssert.assertThat(
        xml, org.hamcrest.Matchers.containsString("AssertionConsumerServiceURL=\"" + ACS + "\""));
    assertNull(SamlTestSupport.inflate(sp.authnRequestUrl(false, null, null)).contains("ForceAuthn") ? "forced" : null);
  }

  // ------------------------------------------------------------ encrypted assertions

  private final java.security.KeyPair spKeys = TestIdp.keyPair();
  private final java.security.cert.X509Certificate spCertificate = TestIdp.selfSigned(spKeys, "CN=sp.test.example");

  private SamlResponseValidator decrypting(java.security.PrivateKey key) {
    return new SamlResponseValidator(
        config,
        IdpMetadata.parse(idp.metadata().getBytes(StandardCharsets.UTF_8), ""),
        requests,
        new ReplayCache(),
        key);
  }

  private TestIdp.Response encrypted(String data, String transport) {
    TestIdp.Response r = good();
    r.encryptFor = spCertificate;
    r.dataAlgorithm = data;
    r.keyTransport = transport;
    return r;
  }

  @Test
  public void encryptedSignedAssertionsDecryptWithEachAcceptedAlgorithm() {
    String[][] cases = {
      {SamlDecrypter.AES128_GCM, SamlDecrypter.RSA_OAEP_MGF1P},
      {SamlDecrypter.AES256_GCM, SamlDecrypter.RSA_OAEP_11},
      {SamlDecrypter.AES128_CBC, SamlDecrypter.RSA_OAEP_MGF1P},
      {SamlDecrypter.AES256_CBC, SamlDecrypter.RSA_OAEP_11},
    };
    for (String[] c : cases) {
      setUp();
      TestIdp.Response r = encrypted(c[0], c[1]);
      // CBC only inside a signed Response (which covers the cipher text).
      r.signResponse = c[0].endsWith("-cbc");
      String xml = new String(Base64.getDecoder().decode(r.encoded()), StandardCharsets.UTF_8);
      org.junit.Assert.assertTrue(xml.contains("EncryptedAssertion"));
      org.junit.Assert.assertFalse(xml.contains("taro@example.org"));
      SamlAssertion a = decrypting(spKeys.getPrivate()).validate(r.encoded(), Instant.now());
      assertEquals(c[0], r.nameId, a.subject());
      assertEquals("taro", a.displayId());
      assertEquals("山田 太郎", a.displayName());
    }
  }

  @Test
  public void anEncryptedAssertionInASignedResponseIsAcceptedAndStillNeedsNoOtherSignature() {
    TestIdp.Response r = encrypted(SamlDecrypter.AES256_GCM, SamlDecrypter.RSA_OAEP_MGF1P);
    r.signAssertion = false;
    r.signResponse = true;
    assertEquals(r.nameId, decrypting(spKeys.getPrivate()).validate(r.encoded(), Instant.now()).subject());
  }

  private String refusedBy(SamlResponseValidator v, TestIdp.Response r) {
    try {
      v.validate(r.encoded(), Instant.now());
    } catch (SamlException e) {
      return e.reason();
    }
    fail("accepted");
    return null;
  }

  @Test
  public void anAssertionEncryptedForAnotherKeyOrWithoutAnSpKeyIsNotDecrypted() {
    TestIdp.Response r = encrypted(SamlDecrypter.AES128_GCM, SamlDecrypter.RSA_OAEP_MGF1P);
    assertEquals("not-decrypted", refusedBy(decrypting(TestIdp.keyPair().getPrivate()), r));
    assertEquals("not-decrypted", refusedBy(decrypting(null), r));
  }

  @Test
  public void anEncryptedButUnsignedOrWronglySignedAssertionIsStillRefused() {
    TestIdp.Response unsigned = encrypted(SamlDecrypter.AES128_GCM, SamlDecrypter.RSA_OAEP_MGF1P);
    unsigned.signAssertion = false;
    assertEquals("unsigned", refusedBy(decrypting(spKeys.getPrivate()), unsigned));
    setUp();
    TestIdp.Response forged = encrypted(SamlDecrypter.AES128_GCM, SamlDecrypter.RSA_OAEP_MGF1P);
    forged.signingKeys = TestIdp.keyPair();
    assertEquals("bad-signature", refusedBy(decrypting(spKeys.getPrivate()), forged));
  }

  @Test
  public void aCbcEncryptedAssertionWithoutASignedResponseIsNotEvenDecrypted() {
    TestIdp.Response r = encrypted(SamlDecrypter.AES256_CBC, SamlDecrypter.RSA_OAEP_MGF1P);
    assertEquals("not-decrypted", refusedBy(decrypting(spKeys.getPrivate()), r));
  }

  @Test
  public void rsaPkcs1KeyTransportIsRefused() {
    TestIdp.Response r = encrypted(SamlDecrypter.AES128_GCM, SamlDecrypter.RSA_OAEP_MGF1P);
    String xml = new String(Base64.getDecoder().decode(r.encoded()), StandardCharsets.UTF_8)
        .replace(SamlDecrypter.RSA_OAEP_MGF1P, "http://www.w3.org/2001/04/xmlenc#rsa-1_5");
    try {
      decrypting(spKeys.getPrivate())
          .validate(Base64.getEncoder().encodeToString(xml.getBytes(StandardCharsets.UTF_8)), Instant.now());
      fail("accepted");
    } catch (SamlException e) {
      assertEquals("not-decrypted", e.reason());
    }
  }
}
