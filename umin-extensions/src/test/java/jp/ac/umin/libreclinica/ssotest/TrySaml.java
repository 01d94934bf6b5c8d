package jp.ac.umin.libreclinica.ssotest;

import static org.junit.Assume.assumeTrue;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import jp.ac.umin.libreclinica.umin.sso.saml.SamlTestSupport;
import jp.ac.umin.libreclinica.umin.sso.saml.TestIdp;
import jp.ac.umin.libreclinica.web.security.SignOnExtension;
import org.junit.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;

/**
 * Try SAML sign-in on this machine: the application with the SAML SP on, and a test IdP inside
 * it at {@code /test-idp/} that signs whatever UMIN ID you type. Not a test; runs only with
 * {@code -Dlc.try-it=saml} (see docs/sso.md, "Trying it without UMIN"), until stopped with Ctrl-C.
 */
public class TrySaml {

  static final String EPPN = "urn:oid:1.3.6.1.4.1.5923.1.1.1.6";

  @Test
  public void runsTheApplicationWithATestIdpUntilStopped() throws Exception {
    assumeTrue("saml".equals(System.getProperty("lc.try-it")));
    int port = Integer.getInteger("lc.try-it.port", 8080);
    String base = "http://localhost:" + port;
    TestIdp idp = new TestIdp(base + "/test-idp/sso", base + "/test-idp/slo");
    Path metadata = Files.createTempFile("test-idp", ".xml");
    Files.writeString(metadata, idp.metadata(), StandardCharsets.UTF_8);
    ConfigurableApplicationContext app =
        new SpringApplicationBuilder(SsoTestApplication.class, TestIdpConfiguration.class)
            .properties(
                Map.of(
                    "server.port", String.valueOf(port),
                    "lc.sso.mode", "both",
                    "lc.sso.saml.enabled", "true",
                    "lc.sso.saml.entity-id", base + "/sso/saml/metadata",
                    "lc.sso.saml.base-url", base,
                    "lc.sso.saml.idp-metadata", metadata.toString(),
                    "lc.admin.initial-password", System.getProperty("lc.try-it.admin-password", "Try-It-0ut!")))
            .run();
    app.getBeanFactory().registerSingleton("tryItIdp", idp);
    System.out.println("\n\nTry it: open " + base + "/login (admin / "
        + System.getProperty("lc.try-it.admin-password", "Try-It-0ut!") + ", then pre-register a UMIN ID"
        + " on a user's page and sign in with the UMIN ID button). Ctrl-C to stop.\n");
    Thread.currentThread().join();
  }

  /** The test IdP's pages, open to anyone and without CSRF tokens (they stand for another site). */
  @Configuration(proxyBeanMethods = false)
  static class TestIdpConfiguration {

    @Bean
    SignOnExtension testIdpAccess() {
      return new SignOnExtension() {
        @Override
        public List<String> publicPaths() {
          return List.of("/test-idp/**");
        }

        @Override
        public void configure(HttpSecurity http) throws Exception {
          http.csrf(c -> c.ignoringRequestMatchers("/test-idp/**"));
        }
      };
    }

    @Bean
    ServletRegistrationBean<HttpServlet> testIdpServlet(org.springframework.beans.factory.BeanFactory beans) {
      return new ServletRegistrationBean<>(new TestIdpServlet(beans), "/test-idp/*");
    }
  }

  static final class TestIdpServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final transient org.springframework.beans.factory.BeanFactory beans;

    TestIdpServlet(org.springframework.beans.factory.BeanFactory beans) {
      this.beans = beans;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
      if (request.getPathInfo() != null && request.getPathInfo().startsWith("/slo")) {
        page(response, "<p>Signed out at the test IdP.</p><p><a href=\"/login\">Sign in again</a></p>");
        return;
      }
      String url = request.getRequestURL() + "?" + request.getQueryString();
      String xml;
      String id;
      try {
        xml = SamlTestSupport.inflate(url);
        id = SamlTestSupport.requestId(url);
      } catch (Exception e) {
        response.sendError(400, "no SAMLRequest");
        return;
      }
      page(
          response,
          "<h1>Test IdP</h1>"
              + (xml.contains("ForceAuthn=\"true\"") ? "<p><b>Re-authentication requested (ForceAuthn).</b></p>" : "")
              + "<form method=\"post\" action=\"/test-idp/sso\">"
              + "<input type=\"hidden\" name=\"request\" value=\"" + esc(id) + "\">"
              + "<p><label>UMIN ID <input name=\"uminId\" value=\"taro-test\"></label></p>"
              + "<p><label>Persistent subject (empty: derived from the UMIN ID) <input name=\"subject\"></label></p>"
              + "<p><button>Sign in at the test IdP</button></p></form>"
              + "<pre>" + esc(xml) + "</pre>");
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
      TestIdp idp = beans.getBean(TestIdp.class);
      var config = beans.getBean(jp.ac.umin.libreclinica.umin.sso.SsoProperties.class).getSaml();
      String uminId = request.getParameter("uminId").strip();
      String subject = request.getParameter("subject");
      TestIdp.Response r = idp.response(config.getEntityId(), config.acsUrl(), request.getParameter("request"));
      r.nameId = subject == null || subject.isBlank() ? "test-idp!" + uminId : subject.strip();
      r.attribute(EPPN, uminId + "@umin.ac.jp");
      r.attribute("mail", uminId + "@example.org");
      r.attribute("jaDisplayName", "テスト " + uminId);
      page(
          response,
          "<p>Signed in at the test IdP as " + esc(uminId) + ".</p>"
              + "<form method=\"post\" action=\"/sso/saml/acs\">"
              + "<input type=\"hidden\" name=\"SAMLResponse\" value=\"" + esc(r.encoded()) + "\">"
              + "<button>Continue to the application</button></form>");
    }

    private static void page(HttpServletResponse response, String body) throws IOException {
      response.setContentType("text/html;charset=UTF-8");
      response.getWriter().write("<!DOCTYPE html><html><head><title>Test IdP</title></head><body>" + body + "</body></html>");
    }

    private static String esc(String s) {
      return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
  }
}
