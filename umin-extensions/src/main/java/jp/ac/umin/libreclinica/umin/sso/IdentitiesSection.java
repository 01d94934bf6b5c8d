package jp.ac.umin.libreclinica.umin.sso;

import java.util.List;
import jp.ac.umin.libreclinica.core.account.UserAccount;
import jp.ac.umin.libreclinica.core.identity.IdentityService;
import jp.ac.umin.libreclinica.web.admin.AccountPageSection;
import org.springframework.ui.Model;

/** The linked identities and allowed sign-in methods on the administrators' account page. */
public class IdentitiesSection implements AccountPageSection {

  private final IdentityService identities;
  private final List<String> providers;

  public IdentitiesSection(IdentityService identities, List<String> providers) {
    this.identities = identities;
    this.providers = List.copyOf(providers);
  }

  @Override
  public String template() {
    return "sso/identities";
  }

  @Override
  public void addTo(Model model, String actor, UserAccount account) {
    model.addAttribute("identities", identities.identitiesOf(actor, account.getId()));
    model.addAttribute("signInMethods", identities.signInMethods(account.getId()));
    model.addAttribute("ssoProviders", providers);
  }
}
