package jp.ac.umin.libreclinica.umin.sso.saml;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.Inflater;

/** Reads what the SP sends with the HTTP-Redirect binding. */
public final class SamlTestSupport {

  private SamlTestSupport() {}

  /** The XML of the {@code SAMLRequest} in a redirect address. */
  public static String inflate(String url) throws Exception {
    String query = URI.create(url).getRawQuery();
    String value = null;
    for (String p : query.split("&")) {
      if (p.startsWith("SAMLRequest=")) {
        value = URLDecoder.decode(p.substring("SAMLRequest=".length()), StandardCharsets.UTF_8);
      }
    }
    Inflater inflater = new Inflater(true);
    inflater.setInput(Base64.getDecoder().decode(value));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[4096];
    while (!inflater.finished()) {
      int n = inflater.inflate(buf);
      if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
        break;
      }
      out.write(buf, 0, n);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** The ID of the AuthnRequest in a redirect address. */
  public static String requestId(String url) throws Exception {
    String xml = inflate(url);
    int i = xml.indexOf(" ID=\"") + 5;
    return xml.substring(i, xml.indexOf('"', i));
  }
}
