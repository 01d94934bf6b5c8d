package jp.ac.umin.libreclinica.umin.sso;

import java.util.ArrayList;
import java.util.List;
import jp.ac.umin.libreclinica.core.identity.IdentityService;
import jp.ac.umin.libreclinica.web.security.ExternalSignOn;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * UMIN single sign-on, on when {@code lc.sso.mode} is {@code sso} or {@code both}. Plugs into
 * {@code web} through its extension points: {@link jp.ac.umin.libreclinica.web.security.SignOnExtension}
 * (filters, sign-in page) and {@link jp.ac.umin.libreclinica.web.admin.AccountPageSection}
 * (identities on the account page). With the mode {@code local} (the default) nothing is added.
 */
@AutoConfiguration
@EnableConfigurationProperties(SsoProperties.class)
@ConditionalOnExpression("!'${lc.sso.mode:local}'.equalsIgnoreCase('local')")
@Import(IdentityAdminController.class)
public class SsoAutoConfiguration {

  @Bean
  SsoSignInCompletion ssoSignInCompletion(IdentityService identities, ExternalSignOn signOn) {
    return new SsoSignInCompletion(identities, signOn);
  }

  @Bean
  UminSignOnExtension uminSignOnExtension(
      SsoProperties properties, IdentityService identities, SsoSignInCompletion completion) {
    return new UminSignOnExtension(properties, identities, completion);
  }

  @Bean
  IdentitiesSection identitiesSection(SsoProperties properties, IdentityService identities) {
    List<String> providers = new ArrayList<>();
    if (properties.getTrustedHeader().isEnabled()) {
      providers.add(properties.getTrustedHeader().getProvider());
    }
    return new IdentitiesSection(identities, providers.stream().distinct().toList());
  }
}
