package jp.ac.umin.libreclinica.web.i18n;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The languages on offer (English first, then those the installed modules add). */
public class UiLanguages {

  private final List<UiLanguage> languages;
  private final Locale defaultLocale;

  public UiLanguages(List<UiLanguage> contributed, String defaultTag) {
    List<UiLanguage> all = new ArrayList<>();
    all.add(UiLanguage.ENGLISH);
    contributed.stream()
        .filter(l -> all.stream().noneMatch(a -> a.tag().equals(l.tag())))
        .forEach(all::add);
    this.languages = List.copyOf(all);
    this.defaultLocale =
        offered(Locale.forLanguageTag(defaultTag == null ? "en" : defaultTag))
            .orElse(Locale.ENGLISH);
  }

  public List<UiLanguage> all() {
    return languages;
  }

  public List<Locale> locales() {
    return languages.stream().map(UiLanguage::locale).toList();
  }

  public Locale defaultLocale() {
    return defaultLocale;
  }

  /** The offered locale for the same language as {@code requested}, if that language is offered. */
  public Optional<Locale> offered(Locale requested) {
    if (requested == null) {
      return Optional.empty();
    }
    return languages.stream()
        .filter(l -> l.locale().getLanguage().equals(requested.getLanguage()))
        .map(UiLanguage::locale)
        .findFirst();
  }
}
