package jp.ac.umin.libreclinica.ws.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Who the caller is: the smallest useful endpoint, and a check that a token works. */
@RestController
@RequestMapping("/api/v1")
public class MeRestController {

  /**
   * The caller's identity.
   *
   * @param userName the user name of the token's owner
   * @param locale the language of responses to this request (from {@code Accept-Language})
   * @param authorities the caller's Spring Security authorities, sorted
   */
  public record Me(String userName, String locale, List<String> authorities) {}

  @GetMapping("/me")
  @Operation(
      summary = "The caller's user name, response language and authorities",
      security = @SecurityRequirement(name = OpenApiConfiguration.BEARER))
  public Me me(Authentication caller, HttpServletRequest request) {
    return new Me(
        caller.getName(),
        ApiLocales.of(request).toLanguageTag(),
        caller.getAuthorities().stream().map(GrantedAuthority::getAuthority).sorted().toList());
  }
}
