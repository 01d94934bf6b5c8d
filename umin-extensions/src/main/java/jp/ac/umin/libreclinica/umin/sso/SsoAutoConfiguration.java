package jp.ac.umin.libreclinica.umin.sso;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import jp.ac.umin.libreclinica.core.account.UserAccountRepository;
import jp.ac.umin.libreclinica.core.audit.AuditService;
import jp.ac.umin.libreclinica.core.identity.ExternalIdentityRepository;
import jp.ac.umin.libreclinica.core.identity.IdentityService;
import jp.ac.umin.libreclinica.umin.sso.oidc.OidcReauthentication;
import jp.ac.umin.libreclinica.umin.sso.oidc.OidcSignOn;
import jp.ac.umin.libreclinica.umin.sso.saml.IdpMetadata;
import jp.ac.umin.libreclinica.umin.sso.saml.JdbcSamlState;
import jp.ac.umin.libreclinica.umin.sso.saml.SamlFilter;
import jp.ac.umin.libreclinica.umin.sso.saml.SamlReauthentication;
import jp.ac.umin.libreclinica.umin.sso.saml.SamlRequestStore;
import jp.ac.umin.libreclinica.umin.sso.saml.SamlResponseValidator;
import jp.ac.umin.libreclinica.umin.sso.saml.SamlServiceProvider;
import jp.ac.umin.libreclinica.umin.sso.saml.SpCredentials;
import jp.ac.umin.libreclinica.web.security.ExternalSignOn;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

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
  SsoSignInCompletion ssoSignInCompletion(
      SsoProperties properties, IdentityService identities, ExternalSignOn signOn) {
    return new SsoSignInCompletion(identities, signOn, properties.justInTime());
  }

  @Bean
  UminSignOnExtension uminSignOnExtension(
      SsoProperties properties,
      IdentityService identities,
      SsoSignInCompletion completion,
      ObjectProvider<SamlFilter> saml,
      ObjectProvider<OidcSignOn> oidc) {
    return new UminSignOnExtension(
        properties, identities, completion, saml.getIfAvailable(), oidc.getIfAvailable());
  }

  /** The application as an OpenID Connect relying party, with {@code lc.sso.oidc.enabled=true}. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnProperty(name = "lc.sso.oidc.enabled", havingValue = "true")
  static class OidcConfiguration {

    @Bean
    ClientRegistrationRepository oidcClientRegistrations(SsoProperties properties) {
      SsoProperties.Oidc o = properties.getOidc();
      if (o.getIssuerUri().isBlank() || o.getClientId().isBlank()) {
        throw new IllegalStateException(
            "lc.sso.oidc.issuer-uri and lc.sso.oidc.client-id are required with OpenID Connect on");
      }
      ClientRegistration.Builder b =
          ClientRegistrations.fromIssuerLocation(o.getIssuerUri())
              .registrationId(OidcSignOn.REGISTRATION)
              .clientId(o.getClientId())
              .scope(o.getScopes())
              .redirectUri("{baseUrl}" + OidcSignOn.CALLBACK + "/{registrationId}")
              .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE);
      if (o.getClientSecret().isBlank()) {
        b.clientAuthenticationMethod(ClientAuthenticationMethod.NONE);
      } else {
        b.clientSecret(o.getClientSecret()).clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
      }
      return new InMemoryClientRegistrationRepository(b.build());
    }

    @Bean
    OidcReauthentication oidcReauthentication(
        SsoProperties properties,
        ExternalIdentityRepository identities,
        UserAccountRepository accounts,
        AuditService audit) {
      return new OidcReauthentication(properties, identities, accounts, audit);
    }

    @Bean
    OidcSignOn oidcSignOn(
        SsoProperties properties,
        ClientRegistrationRepository registrations,
        SsoSignInCompletion completion,
        OidcReauthentication reauthentication) {
      OidcSignOn signOn = new OidcSignOn(properties.getOidc(), registrations, completion);
      signOn.setReauthentication(reauthentication);
      return signOn;
    }
  }

  /** The application as a SAML SP, with {@code lc.sso.saml.enabled=true}. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnProperty(name = "lc.sso.saml.enabled", havingValue = "true")
  static class SamlConfiguration {

    @Bean
    IdpMetadata samlIdpMetadata(SsoProperties properties) {
      SsoProperties.Saml saml = properties.getSaml();
      if (saml.getEntityId().isBlank() || saml.getBaseUrl().isBlank() || saml.getIdpMetadata().isBlank()) {
        throw new IllegalStateException(
            "lc.sso.saml.entity-id, lc.sso.saml.base-url and lc.sso.saml.idp-metadata are required with SAML on");
      }
      return IdpMetadata.load(saml.getIdpMetadata(), saml.getIdpEntityId());
    }

    @Bean
    SamlRequestStore samlRequestStore(SsoProperties properties, JdbcTemplate jdbc) {
      // In the database, so that any application server can take the answer.
      return new JdbcSamlState.Requests(jdbc, properties.getSaml().getRequestLifetime());
    }

    /** This SP's key pair when {@code lc.sso.saml.sp-key} is set: signed requests, encrypted assertions. */
    @Bean
    SamlServiceProvider samlServiceProvider(
        SsoProperties properties, IdpMetadata idp, SamlRequestStore requests, Clock clock) {
      SsoProperties.Saml saml = properties.getSaml();
      SpCredentials credentials =
          saml.getSpKey().isBlank() && saml.getSpCertificate().isBlank()
              ? null
              : SpCredentials.load(saml.getSpKey(), saml.getSpCertificate());
      return new SamlServiceProvider(saml, idp, requests, clock, credentials);
    }

    @Bean
    SamlResponseValidator samlResponseValidator(
        SsoProperties properties,
        IdpMetadata idp,
        SamlRequestStore requests,
        SamlServiceProvider sp,
        JdbcTemplate jdbc) {
      return new SamlResponseValidator(
          properties.getSaml(),
          idp,
          requests,
          new JdbcSamlState.Replays(jdbc),
          sp.credentials() == null ? null : sp.credentials().key());
    }

    @Bean
    SamlFilter samlFilter(
        SsoProperties properties,
        SamlServiceProvider sp,
        SamlResponseValidator validator,
        SsoSignInCompletion completion,
        Clock clock,
        SamlReauthentication reauthentication,
        ExternalIdentityRepository identities,
        UserAccountRepository accounts,
        AuditService audit) {
      SamlFilter filter = new SamlFilter(properties.getSaml(), sp, validator, completion, clock, reauthentication);
      filter.enableIdpLogout(identities, accounts, audit);
      return filter;
    }

    /** Presence at the IdP (ForceAuthn) before a signature, for accounts that sign in only through SAML. */
    @Bean
    SamlReauthentication samlReauthentication(
        SsoProperties properties,
        ExternalIdentityRepository identities,
        UserAccountRepository accounts,
        AuditService audit,
        JdbcTemplate jdbc) {
      SamlReauthentication r = new SamlReauthentication(properties.getSaml(), identities, accounts, audit);
      r.keepProofsIn(jdbc);
      return r;
    }

    /** Not a servlet filter of its own: it runs inside the page security chain only. */
    @Bean
    FilterRegistrationBean<SamlFilter> samlFilterRegistration(SamlFilter filter) {
      FilterRegistrationBean<SamlFilter> r = new FilterRegistrationBean<>(filter);
      r.setEnabled(false);
      return r;
    }
  }

  @Bean
  IdentitiesSection identitiesSection(SsoProperties properties, IdentityService identities) {
    List<String> providers = new ArrayList<>();
    if (properties.getTrustedHeader().isEnabled()) {
      providers.add(properties.getTrustedHeader().getProvider());
    }
    if (properties.getSaml().isEnabled()) {
      providers.add(properties.getSaml().getProvider());
    }
    if (properties.getOidc().isEnabled()) {
      providers.add(properties.getOidc().getProvider());
    }
    return new IdentitiesSection(identities, providers.stream().distinct().toList());
  }
}
