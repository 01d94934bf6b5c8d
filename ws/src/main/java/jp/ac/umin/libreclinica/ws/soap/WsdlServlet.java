package jp.ac.umin.libreclinica.ws.soap;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Serves {@code <ws path>/<service>/v1/<service>Wsdl.wsdl} (mapped to each exact path) with the
 * endpoint address of the server the WSDL was asked of: scheme, host and port as the request
 * arrived (behind a proxy, as forwarded: see {@code server.forward-headers-strategy}).
 */
public class WsdlServlet extends HttpServlet {

  private final transient SoapContract contract;
  private final String servicesPath;

  public WsdlServlet(SoapContract contract, String servicesPath) {
    this.contract = contract;
    this.servicesPath = servicesPath;
  }

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String path = req.getServletPath();
    for (SoapService s : SoapService.values()) {
      String wsdlPath = servicesPath + s.path() + "/" + s.wsdlFileName();
      if (wsdlPath.equals(path)) {
        String base =
            req.getScheme() + "://" + req.getServerName() + port(req) + req.getContextPath();
        byte[] body = contract.wsdl(s, base + servicesPath + s.path()).getBytes(StandardCharsets.UTF_8);
        resp.setContentType("text/xml;charset=UTF-8");
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
        return;
      }
    }
    resp.sendError(HttpServletResponse.SC_NOT_FOUND);
  }

  private static String port(HttpServletRequest req) {
    int port = req.getServerPort();
    boolean standard =
        ("http".equals(req.getScheme()) && port == 80) || ("https".equals(req.getScheme()) && port == 443);
    return standard || port <= 0 ? "" : ":" + port;
  }
}
