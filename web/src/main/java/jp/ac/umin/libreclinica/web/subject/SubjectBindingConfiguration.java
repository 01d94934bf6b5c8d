package jp.ac.umin.libreclinica.web.subject;

import jp.ac.umin.libreclinica.core.input.InputNormaliser;
import org.springframework.context.annotation.Configuration;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Times of day in forms go through {@link LocalTimeFormatter}. */
@Configuration(proxyBeanMethods = false)
public class SubjectBindingConfiguration implements WebMvcConfigurer {

  private final InputNormaliser normaliser;

  public SubjectBindingConfiguration(InputNormaliser normaliser) {
    this.normaliser = normaliser;
  }

  @Override
  public void addFormatters(FormatterRegistry registry) {
    registry.addFormatter(new LocalTimeFormatter(normaliser));
  }
}
