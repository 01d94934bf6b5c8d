package jp.ac.umin.libreclinica.web.crf;

import java.security.Principal;
import jp.ac.umin.libreclinica.core.crf.CrfService;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Tells the frame whether to offer the CRF pages ({@code mayDesignCrfs}). */
@ControllerAdvice
public class CrfNavigationAdvice {

  private final CrfService crfs;

  public CrfNavigationAdvice(CrfService crfs) {
    this.crfs = crfs;
  }

  @ModelAttribute("mayDesignCrfs")
  public boolean mayDesignCrfs(Principal user) {
    return user != null && crfs.mayDesign(user.getName());
  }
}
