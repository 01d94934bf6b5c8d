package jp.ac.umin.libreclinica.core.startup;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.core.Ordered;

/**
 * An occupied HTTP port: says which settings choose another one. Ordered before Spring Boot's
 * own analyzer of the same failure, whose advice does not name our settings.
 */
public class PortInUseFailureAnalyzer extends AbstractFailureAnalyzer<PortInUseException>
    implements Ordered {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, PortInUseException cause) {
    String port = String.valueOf(cause.getPort());
    return new FailureAnalysis(
        StartupMessages.get("startup.port.inUse.description", port),
        StartupMessages.get("startup.port.inUse.action", port),
        cause);
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }
}
