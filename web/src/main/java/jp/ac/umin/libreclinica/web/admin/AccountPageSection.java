package jp.ac.umin.libreclinica.web.admin;

import jp.ac.umin.libreclinica.core.account.UserAccount;
import org.springframework.ui.Model;

/**
 * An extension point: a section that another module adds to the administrators' page of one
 * account (e.g. the linked single sign-on identities). The section is the Thymeleaf fragment
 * {@code section} of {@link #template()}; {@link #addTo} puts what it needs into the model.
 */
public interface AccountPageSection {

  /** The template holding the fragment {@code section}, e.g. {@code sso/identities}. */
  String template();

  /** Adds the section's model attributes; {@code actor} is the administrator looking. */
  void addTo(Model model, String actor, UserAccount account);
}
