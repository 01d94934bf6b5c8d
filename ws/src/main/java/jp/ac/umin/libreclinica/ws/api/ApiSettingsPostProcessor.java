package jp.ac.umin.libreclinica.ws.api;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Defaults of the API that belong to this module wherever it runs: where the OpenAPI document is
 * and which paths it describes. Explicit settings win (the defaults are added last).
 */
public class ApiSettingsPostProcessor implements EnvironmentPostProcessor, Ordered {

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
    env.getPropertySources()
        .addLast(
            new MapPropertySource(
                "lcApiDefaults",
                Map.of(
                    "springdoc.api-docs.path", ApiSecurityConfiguration.OPENAPI_PATH,
                    "springdoc.paths-to-match", "/api/v1/**",
                    "springdoc.writer-with-order-by-keys", "true")));
  }

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }
}
