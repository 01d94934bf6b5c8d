package jp.ac.umin.libreclinica.ws.soap;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import javax.xml.namespace.QName;
import javax.xml.transform.Source;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamSource;
import jakarta.xml.ws.Dispatch;
import jakarta.xml.ws.Service;
import jp.ac.umin.libreclinica.core.account.AccountFixtures;
import jp.ac.umin.libreclinica.core.account.AccountFixtures.TestAccount;
import jp.ac.umin.libreclinica.core.account.AccountService;
import jp.ac.umin.libreclinica.core.account.PasswordHistoryRepository;
import jp.ac.umin.libreclinica.core.account.UserAccountRepository;
import jp.ac.umin.libreclinica.core.account.WebServicesDigest;
import jp.ac.umin.libreclinica.core.identity.IdentityService;
import jp.ac.umin.libreclinica.core.wsauth.WebServicesCredentialService;
import jp.ac.umin.libreclinica.wsaccounts.RealAccountsWsTestApplication;
import org.apache.cxf.binding.soap.SoapHeader;
import org.apache.cxf.headers.Header;
import org.apache.cxf.staxutils.StaxUtils;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.junit4.SpringRunner;
import org.w3c.dom.Document;

/**
 * WS-Security, the WSDLs and bad input: every WSDL URL answers with this server's address;
 * missing or wrong credentials, malformed and hostile messages get a fault and change nothing;
 * repeated failures lock the account; a web-services key serves an account without password.
 */
@RunWith(SpringRunner.class)
@SpringBootTest(
    classes = RealAccountsWsTestApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.jpa.open-in-view=false",
      "lc.ws.max-message-bytes=100000",
      "lc.login.max-failures=3"
    })
public class SoapSecurityTest {

  static final String NEW_PASSWORD = "Soap-Passw0rd-2026";
  static final String LIST_ALL = "<v1:listAllRequest/>";

  @LocalServerPort int port;
  @Autowired UserAccountRepository accounts;
  @Autowired PasswordHistoryRepository history;
  @Autowired PasswordEncoder encoder;
  @Autowired JdbcTemplate jdbc;
  @Autowired AccountService accountService;
  @Autowired IdentityService identities;
  @Autowired WebServicesCredentialService credentials;

  SoapClient client;
  AccountFixtures fixtures;
  TestAccount user;

  @Before
  public void anAccountWithAWebServicesPassword() {
    client = new SoapClient(port);
    fixtures = new AccountFixtures(accounts, history, encoder, jdbc);
    user = fixtures.user();
    accountService.changeOwnPassword(user.userName(), AccountFixtures.PASSWORD, NEW_PASSWORD);
  }

  private int failedCount(String userName) {
    return jdbc.queryForObject(
        "select failed_login_count from user_account where user_name = ?", Integer.class, userName);
  }

  @Test
  public void everyWsdlAnswersWithTheAddressOfTheServerAskedAndValidSchemas() throws Exception {
    for (SoapService s : SoapService.values()) {
      var r = client.get("/ws/" + s.serviceName() + "/v1/" + s.wsdlFileName());
      assertEquals(s.wsdlFileName(), 200, r.statusCode());
      Document wsdl = SoapClient.parse(r.body());
      assertEquals(s.namespace(), wsdl.getDocumentElement().getAttribute("targetNamespace"));
      var address = wsdl.getElementsByTagNameNS("http://schemas.xmlsoap.org/wsdl/soap/", "address");
      assertEquals(
          "http://localhost:" + port + "/ws/" + s.serviceName() + "/v1",
          ((org.w3c.dom.Element) address.item(0)).getAttribute("location"));
      for (String op : s.operations()) {
        assertTrue(s + " " + op, r.body().contains("element=\"sch:" + op + "Request\""));
      }
    }
  }

  @Test
  public void aCxfClientBuiltFromOurWsdlListsTheStudies() throws Exception {
    URL wsdl = new URL("http://localhost:" + port + "/ws/study/v1/studyWsdl.wsdl");
    Service service = Service.create(wsdl, SoapService.STUDY.serviceQName());
    Dispatch<Source> dispatch =
        service.createDispatch(SoapService.STUDY.portQName(), Source.class, Service.Mode.PAYLOAD);
    Document sec =
        SoapClient.parse(
            "<x xmlns:soapenv=\"" + SoapClient.ENV + "\">"
                + SoapClient.security(user.userName(), WebServicesDigest.of(NEW_PASSWORD))
                    .replace("<soapenv:Header>", "").replace("</soapenv:Header>", "")
                + "</x>");
    dispatch.getRequestContext().put(
        Header.HEADER_LIST,
        java.util.List.of(
            new SoapHeader(UsernameTokenInterceptor.SECURITY,
                sec.getDocumentElement().getFirstChild())));
    Source answer =
        dispatch.invoke(
            new StreamSource(new java.io.StringReader(
                "<listAllRequest xmlns=\"http://openclinica.org/ws/study/v1\"/>")));
    Document doc = StaxUtils.read(answer);
    assertEquals("listAllResponse", doc.getDocumentElement().getLocalName());
    SoapClient.reference("study").newValidator().validate(new DOMSource(doc));
  }

  @Test
  public void aMissingSecurityHeaderIsAClientFault() throws Exception {
    SoapClient.Answer a = client.post("study", SoapClient.envelope("study", "", LIST_ALL));
    assertEquals(500, a.status());
    assertTrue(a.body(), a.isFault());
    assertTrue(a.body().contains("Client"));
  }

  @Test
  public void wrongDigestsAreAuditedCountedAndLockTheAccountAfterTheConfiguredFailures() throws Exception {
    for (int i = 1; i <= 3; i++) {
      SoapClient.Answer a = client.call("study", user.userName(), "wrong-" + i, LIST_ALL);
      assertTrue(a.isFault());
    }
    assertEquals(Boolean.TRUE, jdbc.queryForObject(
        "select locked from user_account where user_name = ?", Boolean.class, user.userName()));
    assertEquals(Integer.valueOf(3), jdbc.queryForObject(
        "select count(*) from audit_log where action = 'login.failure' and actor = ? and reason = 'ws.badCredentials'",
        Integer.class, user.userName()));
    // Locked: even the right digest is refused now.
    assertTrue(client.call("study", user.userName(), NEW_PASSWORD, LIST_ALL).isFault());
  }

  @Test
  public void theRightDigestClearsEarlierFailures() throws Exception {
    client.call("study", user.userName(), "wrong", LIST_ALL);
    assertEquals(1, failedCount(user.userName()));
    assertFalse(client.call("study", user.userName(), NEW_PASSWORD, LIST_ALL).isFault());
    assertEquals(0, failedCount(user.userName()));
  }

  @Test
  public void aSuccessIsRememberedBrieflyAndForgottenWhenThePasswordChangesOrTheAccountIsLocked() throws Exception {
    assertFalse(client.call("study", user.userName(), NEW_PASSWORD, LIST_ALL).isFault());
    long before = credentials.cachedVerifications();
    assertFalse(client.call("study", user.userName(), NEW_PASSWORD, LIST_ALL).isFault());
    assertFalse(client.call("study", user.userName(), NEW_PASSWORD, LIST_ALL).isFault());
    assertEquals("the second and third calls need no password hash", before + 2, credentials.cachedVerifications());

    // a new password: the remembered digest of the old one is worthless at once
    String newer = NEW_PASSWORD + "-b";
    accountService.changeOwnPassword(user.userName(), NEW_PASSWORD, newer);
    assertTrue(client.call("study", user.userName(), NEW_PASSWORD, LIST_ALL).isFault());
    assertFalse(client.call("study", user.userName(), newer, LIST_ALL).isFault());
    assertFalse(client.call("study", user.userName(), newer, LIST_ALL).isFault());

    // locked by an administrator: refused although the digest was just remembered
    TestAccount admin = fixtures.businessAdmin();
    accountService.lock(admin.userName(), user.id());
    long hits = credentials.cachedVerifications();
    assertTrue(client.call("study", user.userName(), newer, LIST_ALL).isFault());
    assertEquals(hits, credentials.cachedVerifications());
    accountService.unlock(admin.userName(), user.id());
    assertFalse(client.call("study", user.userName(), newer, LIST_ALL).isFault());
  }

  @Test
  public void aWebServicesKeyServesAnAccountWithoutLocalSignInUntilRevoked() throws Exception {
    TestAccount sso = fixtures.user();
    TestAccount admin = fixtures.techAdmin();
    identities.changeSignInMethods(admin.userName(), sso.id(), false, true);
    assertTrue("no local password for web services", client.call("study", sso.userName(), sso.password(), LIST_ALL).isFault());
    String key = credentials.issueKey(sso.userName());
    assertFalse(client.call("study", sso.userName(), key, LIST_ALL).isFault());
    credentials.revokeKey(sso.userName());
    assertTrue(client.call("study", sso.userName(), key, LIST_ALL).isFault());
  }

  @Test
  public void malformedSchemaInvalidAndUnknownRequestsAreClientFaults() throws Exception {
    String auth = SoapClient.security(user.userName(), WebServicesDigest.of(NEW_PASSWORD));
    assertTrue(client.post("study", "<soapenv:Envelope xmlns:soapenv=\"" + SoapClient.ENV + "\"><soapenv:Body>")
        .isFaultOrError());
    SoapClient.Answer invalid =
        client.post("studySubject", SoapClient.envelope("studySubject", auth,
            "<v1:createRequest><v1:studySubject><bean:label>x</bean:label></v1:studySubject></v1:createRequest>"));
    assertTrue(invalid.body(), invalid.isFault());
    SoapClient.Answer unknown =
        client.post("study", SoapClient.envelope("study", auth, "<v1:dropAllRequest/>"));
    assertTrue(unknown.isFault());
  }

  @Test
  public void entityTricksAndHugeMessagesAreRefusedBeforeAnythingIsRead() throws Exception {
    String auth = SoapClient.security(user.userName(), WebServicesDigest.of(NEW_PASSWORD));
    String laughs =
        "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;\">"
            + "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;\">]>"
            + SoapClient.envelope("study", auth, "<v1:getMetadataRequest><v1:studyMetadata><bean:identifier>&lol3;</bean:identifier></v1:studyMetadata></v1:getMetadataRequest>");
    assertTrue(client.post("study", laughs).isFaultOrError());
    String xxe =
        "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
            + SoapClient.envelope("study", auth, "<v1:getMetadataRequest><v1:studyMetadata><bean:identifier>&xxe;</bean:identifier></v1:studyMetadata></v1:getMetadataRequest>");
    SoapClient.Answer a = client.post("study", xxe);
    assertTrue(a.isFaultOrError());
    assertFalse(a.body().contains("root:"));
    byte[] huge = SoapClient.envelope("study", auth,
            "<v1:listAllRequest>" + "x".repeat(300_000) + "</v1:listAllRequest>")
        .getBytes(StandardCharsets.UTF_8);
    assertTrue(client.post("study", huge).isFaultOrError());
  }
}
