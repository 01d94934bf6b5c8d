package jp.ac.umin.libreclinica.ws.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document of {@code /api/v1}, served at {@link ApiSecurityConfiguration#OPENAPI_PATH}. */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

  /** Name of the security scheme: a personal API token sent as a bearer token. */
  public static final String BEARER = "apiToken";

  @Bean
  OpenAPI lcOpenApi(ObjectProvider<BuildProperties> build) {
    BuildProperties props = build.getIfAvailable();
    return new OpenAPI()
        .info(
            new Info()
                .title("UMIN LibreClinica API")
                .version(props == null ? "v1" : props.getVersion())
                .description(
                    "REST API of UMIN LibreClinica. Authenticate with a personal API token"
                        + " (created on the API tokens page) in 'Authorization: Bearer <token>'."
                        + " Errors are RFC 9457 problem details in the language of"
                        + " Accept-Language.")
                .license(new License().name("GPL-3.0").url("https://www.gnu.org/licenses/gpl-3.0.txt")))
        .components(
            new Components()
                .addSecuritySchemes(
                    BEARER,
                    new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .description("Personal API token")));
  }
}
