package jp.ac.umin.libreclinica.web.security;

import java.util.List;
import jp.ac.umin.libreclinica.core.account.AccountService;
import org.springframework.beans.factory.ObjectProvider;
import jp.ac.umin.libreclinica.core.study.ActiveStudyService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Security of the pages: form login against local accounts (audited, with lockout and forced
 * password change), CSRF, security headers. Passwords are checked with the delegating
 * encoder defined in core; the user details come from {@link AccountUserDetailsService}.
 * Every {@link SignOnExtension} bean adds its public paths and filters (single sign-on).
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

  @Bean
  SecurityFilterChain pageSecurity(
      HttpSecurity http,
      AccountService accounts,
      ObjectProvider<SignOnExtension> extensionBeans,
      ActiveStudyService activeStudies)
      throws Exception {
    List<SignOnExtension> extensions = extensionBeans.orderedStream().toList();
    String[] extensionPaths =
        extensions.stream().flatMap(e -> e.publicPaths().stream()).distinct().toArray(String[]::new);
    http.authorizeHttpRequests(
            auth ->
                auth.requestMatchers("/login", "/css/**", "/js/**", "/img/**", "/favicon.ico", "/error")
                    .permitAll()
                    .requestMatchers(extensionPaths)
                    .permitAll()
                    .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info")
                    .permitAll()
                    .requestMatchers("/admin/**")
                    .hasAnyRole("TECH_ADMIN", "BUSINESS_ADMIN")
                    .anyRequest()
                    .authenticated())
        .formLogin(
            form ->
                form.loginPage("/login")
                    .successHandler(new LoginAuditHandlers.Success(accounts, activeStudies))
                    .failureHandler(new LoginAuditHandlers.Failure(accounts))
                    .permitAll())
        .logout(
            logout ->
                logout
                    .logoutUrl("/logout")
                    .addLogoutHandler(new LoginAuditHandlers.Logout(accounts))
                    .logoutSuccessHandler(new ExtensionLogoutSuccessHandler(extensions)))
        .addFilterBefore(new PasswordChangeFilter(accounts), AuthorizationFilter.class)
        .csrf(Customizer.withDefaults())
        .headers(
            headers ->
                headers
                    .contentSecurityPolicy(
                        csp ->
                            csp.policyDirectives(
                                "default-src 'self'; img-src 'self' data:; style-src 'self'; "
                                    + "script-src 'self'; frame-ancestors 'none'; form-action 'self'"))
                    .referrerPolicy(
                        ref -> ref.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
    for (SignOnExtension extension : extensions) {
      extension.configure(http);
    }
    return http.build();
  }
}
