package jp.ac.umin.libreclinica.ws.soap;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.Set;
import javax.xml.namespace.QName;
import jp.ac.umin.libreclinica.core.wsauth.WebServicesCredentialService;
import jp.ac.umin.libreclinica.core.wsauth.WebServicesSignIn;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.interceptor.AbstractSoapInterceptor;
import org.apache.cxf.headers.Header;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.transport.http.AbstractHTTPDestination;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * WS-Security UsernameToken as LibreClinica's clients send it: {@code wsse:Username} and a
 * {@code wsse:Password} of type PasswordText holding the SHA-1 hex digest of the password (or of
 * a web-services key). Checked before the body is read; every failure is a client fault with
 * the same text, audited and counted toward the lockout by the credential service.
 */
public class UsernameTokenInterceptor extends AbstractSoapInterceptor {

  public static final String WSSE =
      "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
  static final QName SECURITY = new QName(WSSE, "Security");
  private static final String PASSWORD_TEXT = "#PasswordText";

  private final WebServicesCredentialService credentials;
  private final SoapMessages messages;

  public UsernameTokenInterceptor(WebServicesCredentialService credentials, SoapMessages messages) {
    super(Phase.PRE_PROTOCOL);
    this.credentials = credentials;
    this.messages = messages;
  }

  @Override
  public Set<QName> getUnderstoodHeaders() {
    return Set.of(SECURITY);
  }

  @Override
  public void handleMessage(SoapMessage message) throws Fault {
    Locale requestLocale = requestLocale(message);
    Header header = message.getHeader(SECURITY);
    if (header == null || !(header.getObject() instanceof Element security)) {
      throw SoapFaults.client(messages.text(requestLocale, "soap.security.missing"));
    }
    Element token = child(security, "UsernameToken");
    Element user = token == null ? null : child(token, "Username");
    Element password = token == null ? null : child(token, "Password");
    if (user == null || password == null) {
      throw SoapFaults.client(messages.text(requestLocale, "soap.security.missing"));
    }
    String type = password.getAttribute("Type");
    if (!type.isEmpty() && !type.endsWith(PASSWORD_TEXT)) {
      throw SoapFaults.client(messages.text(requestLocale, "soap.security.passwordType"));
    }
    WebServicesSignIn result =
        credentials.authenticate(user.getTextContent(), password.getTextContent());
    Locale locale = result.locale().orElse(requestLocale);
    if (!result.succeeded()) {
      throw SoapFaults.client(messages.text(locale, result.failureKey()));
    }
    message.getExchange().put(SoapCaller.class, new SoapCaller(result.userName(), locale));
  }

  private static Element child(Element parent, String localName) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && WSSE.equals(e.getNamespaceURI()) && localName.equals(e.getLocalName())) {
        return e;
      }
    }
    return null;
  }

  private static Locale requestLocale(SoapMessage message) {
    Object request = message.get(AbstractHTTPDestination.HTTP_REQUEST);
    if (request instanceof HttpServletRequest http && http.getHeader("Accept-Language") != null) {
      return http.getLocale();
    }
    return Locale.ENGLISH;
  }
}
