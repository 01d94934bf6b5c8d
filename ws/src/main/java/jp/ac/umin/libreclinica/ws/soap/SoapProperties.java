package jp.ac.umin.libreclinica.ws.soap;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the SOAP services.
 *
 * @param basePath prefix before {@code /ws}, e.g. {@code /LibreClinica-ws} to keep the URLs of
 *     a former separate web-services application; empty by default
 * @param maxMessageBytes largest request accepted (a CRF spreadsheet travels base64)
 */
@ConfigurationProperties(prefix = "lc.ws")
public record SoapProperties(String basePath, Long maxMessageBytes) {

  public static final long DEFAULT_MAX_MESSAGE_BYTES = 20L * 1024 * 1024;

  public SoapProperties {
    basePath = normalise(basePath);
    maxMessageBytes =
        maxMessageBytes == null || maxMessageBytes <= 0 ? DEFAULT_MAX_MESSAGE_BYTES : maxMessageBytes;
  }

  /** Where the services are inside the application: {@code <base-path>/ws}. */
  public String servicesPath() {
    return basePath + "/ws";
  }

  private static String normalise(String path) {
    if (path == null || path.isBlank() || path.strip().equals("/")) {
      return "";
    }
    String p = path.strip();
    if (!p.startsWith("/")) {
      p = "/" + p;
    }
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    if (p.equals("/api") || p.startsWith("/api/")) {
      throw new IllegalArgumentException("lc.ws.base-path must not be below /api: " + path);
    }
    return p;
  }
}
