package jp.ac.umin.libreclinica.ws.soap;

import static org.junit.Assert.assertEquals;

import java.io.File;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import jp.ac.umin.libreclinica.core.account.WebServicesDigest;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/**
 * Sends raw SOAP 1.1 envelopes the way LibreClinica's public clients do (SoapUI, SAAJ, suds):
 * prefixes {@code soapenv}, {@code v1} and {@code bean}, a {@code wsse:Security} header marked
 * mustUnderstand with a UsernameToken whose PasswordText is the SHA-1 hex digest of the password.
 */
final class SoapClient {

  static final String BEANS = "http://openclinica.org/ws/beans";
  static final String ENV = "http://schemas.xmlsoap.org/soap/envelope/";
  /** The published schemas, read where every developer has them (never copied). */
  static final File REFERENCE = new File("../../shared/reference/ws");

  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;

  SoapClient(int port) {
    this.base = "http://localhost:" + port;
  }

  static String security(String user, String digest) {
    return "<soapenv:Header><wsse:Security soapenv:mustUnderstand=\"1\""
        + " xmlns:wsse=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd\">"
        + "<wsse:UsernameToken wsu:Id=\"UsernameToken-1\""
        + " xmlns:wsu=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd\">"
        + "<wsse:Username>" + user + "</wsse:Username>"
        + "<wsse:Password Type=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText\">"
        + digest + "</wsse:Password></wsse:UsernameToken></wsse:Security></soapenv:Header>";
  }

  static String envelope(String service, String header, String body) {
    return "<soapenv:Envelope xmlns:soapenv=\"" + ENV + "\" xmlns:v1=\"http://openclinica.org/ws/"
        + service + "/v1\" xmlns:bean=\"" + BEANS + "\">" + header
        + "<soapenv:Body>" + body + "</soapenv:Body></soapenv:Envelope>";
  }

  /** Posts an envelope to {@code /ws/<service>/v1} as the user with that password. */
  Answer call(String service, String user, String password, String body) throws Exception {
    return post(service, envelope(service, security(user, WebServicesDigest.of(password)), body));
  }

  Answer post(String service, String envelope) throws Exception {
    return post(service, envelope.getBytes(StandardCharsets.UTF_8));
  }

  Answer post(String service, byte[] envelope) throws Exception {
    HttpRequest req =
        HttpRequest.newBuilder(URI.create(base + "/ws/" + service + "/v1"))
            .header("Content-Type", "text/xml; charset=utf-8")
            .header("SOAPAction", "\"\"")
            .POST(HttpRequest.BodyPublishers.ofByteArray(envelope))
            .build();
    HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    return new Answer(r.statusCode(), r.body());
  }

  HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  static Document parse(String xml) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return f.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
  }

  /** The published schemas of one service (with the beans schema it imports). */
  static Schema reference(String service) throws Exception {
    SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
    return f.newSchema(new StreamSource(new File(REFERENCE, service + ".xsd")));
  }

  /** An HTTP answer: a SOAP response or fault. */
  record Answer(int status, String body) {

    Element payload() throws Exception {
      Element env = parse(body).getDocumentElement();
      for (Node n = env.getFirstChild(); n != null; n = n.getNextSibling()) {
        if (n instanceof Element e && "Body".equals(e.getLocalName())) {
          for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element p) {
              return p;
            }
          }
        }
      }
      throw new AssertionError("no body in " + body);
    }

    /** The payload, after checking it against the published schema of the service. */
    Element valid(String service) throws Exception {
      assertEquals(body, 200, status);
      Element p = payload();
      reference(service).newValidator().validate(new DOMSource(p));
      return p;
    }

    String text(String localName) throws Exception {
      var list = payload().getElementsByTagNameNS("*", localName);
      return list.getLength() == 0 ? null : list.item(0).getTextContent();
    }

    boolean isFault() throws Exception {
      return "Fault".equals(payload().getLocalName());
    }

    /** A SOAP fault, or an HTTP error without one (when the message never reached SOAP). */
    boolean isFaultOrError() throws Exception {
      if (status >= 400 && !body.contains("Envelope")) {
        return true;
      }
      return status >= 400 && isFault();
    }

    String faultString() throws Exception {
      return text("faultstring");
    }
  }
}
