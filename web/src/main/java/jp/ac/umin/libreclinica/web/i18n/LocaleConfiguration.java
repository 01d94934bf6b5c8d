package jp.ac.umin.libreclinica.web.i18n;

import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/** Language choice: which languages are offered, how a request's language is chosen and switched. */
@Configuration(proxyBeanMethods = false)
public class LocaleConfiguration implements WebMvcConfigurer {

  @Bean
  UiLanguages uiLanguages(
      ObjectProvider<UiLanguage> contributed,
      @Value("${lc.default-locale:en}") String defaultTag) {
    return new UiLanguages(contributed.orderedStream().toList(), defaultTag);
  }

  @Bean
  LocaleResolver localeResolver(
      UiLanguages languages, Optional<UserLocalePreferences> preferences) {
    return new UiLocaleResolver(languages, preferences);
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    LocaleChangeInterceptor change = new LocaleChangeInterceptor();
    change.setParamName("lang");
    change.setIgnoreInvalidLocale(true);
    registry.addInterceptor(change);
  }
}
