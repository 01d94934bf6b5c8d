package jp.ac.umin.libreclinica.web.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;

/**
 * The extension point for other ways of signing in (single sign-on in {@code umin-extensions}).
 * Every bean of this type contributes to the page security filter chain and to the sign-in page;
 * with none, the application signs in local accounts only. An extension completes a sign-in
 * through {@link ExternalSignOn}, so that the signed-in user is an {@link AccountPrincipal}
 * under the same lock and removal rules as a local one.
 */
public interface SignOnExtension {

  /** Paths anyone may reach without signing in (the extension's own endpoints). */
  default List<String> publicPaths() {
    return List.of();
  }

  /** Adds filters or handlers to the page security filter chain. */
  default void configure(HttpSecurity http) throws Exception {}

  /** Buttons shown on the sign-in page, in order. */
  default List<SignOnButton> buttons() {
    return List.of();
  }

  /** Whether the sign-in page shows the user name and password form for this request. */
  default boolean showsLocalForm(HttpServletRequest request) {
    return true;
  }

  /**
   * Whether this account may sign in with its local password. A refusal is audited with the
   * reason {@code local-not-allowed}; the user sees the same message as for a wrong password.
   */
  default boolean allowsLocalSignIn(String userName) {
    return true;
  }

  /**
   * The message to show for a problem code the extension put in the sign-in page's address
   * ({@code /login?problem=code}); empty for codes it does not know.
   */
  default Optional<LoginProblem> problem(String code) {
    return Optional.empty();
  }

  /**
   * Where the browser goes after the local session has ended (e.g. the identity provider's
   * logout), or empty for the sign-in page. Asked only for users this extension signed in.
   */
  default Optional<String> logoutRedirect(HttpServletRequest request, AccountPrincipal principal) {
    return Optional.empty();
  }
}
