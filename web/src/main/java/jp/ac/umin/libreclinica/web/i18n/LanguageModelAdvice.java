package jp.ac.umin.libreclinica.web.i18n;

import java.util.List;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Gives every page the languages for the switch in the frame. */
@ControllerAdvice
public class LanguageModelAdvice {

  private final UiLanguages languages;

  public LanguageModelAdvice(UiLanguages languages) {
    this.languages = languages;
  }

  @ModelAttribute("uiLanguages")
  public List<UiLanguage> uiLanguages() {
    return languages.all();
  }
}
