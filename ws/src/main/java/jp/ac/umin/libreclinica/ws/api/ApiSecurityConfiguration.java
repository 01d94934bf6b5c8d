package jp.ac.umin.libreclinica.ws.api;

import jp.ac.umin.libreclinica.core.apitoken.ApiTokenService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.authentication.logout.LogoutFilter;

/**
 * Security of {@code /api/**}, ahead of the pages' chain: personal API tokens as bearer tokens,
 * no session, no cookies, hence no CSRF token (a browser cannot send the token by itself). The
 * OpenAPI document is public.
 */
@Configuration(proxyBeanMethods = false)
public class ApiSecurityConfiguration {

  /** Where the OpenAPI document is served (also set as {@code springdoc.api-docs.path}). */
  public static final String OPENAPI_PATH = "/api/v1/openapi.json";

  @Bean
  @Order(Ordered.HIGHEST_PRECEDENCE + 10)
  SecurityFilterChain apiSecurity(
      HttpSecurity http,
      ApiTokenService tokens,
      ObjectProvider<UserDetailsService> users,
      ApiProblems problems)
      throws Exception {
    ApiAuthenticationEntryPoint errors = new ApiAuthenticationEntryPoint(problems);
    // Neither the provider nor the filter is a bean: a bean would be applied to every request
    // (the filter) or replace Spring Boot's user details set-up (the provider).
    AuthenticationFilter tokenFilter =
        new AuthenticationFilter(
            new ProviderManager(new ApiTokenAuthenticationProvider(tokens, users)),
            new BearerTokenConverter());
    tokenFilter.setSuccessHandler((request, response, authentication) -> {});
    tokenFilter.setFailureHandler(errors);
    http.securityMatcher("/api/**")
        .authorizeHttpRequests(
            auth ->
                auth.requestMatchers(OPENAPI_PATH, OPENAPI_PATH + "/**", OPENAPI_PATH + ".yaml")
                    .permitAll()
                    .requestMatchers("/api/v1/admin/**")
                    .hasAnyRole("TECH_ADMIN", "BUSINESS_ADMIN")
                    .anyRequest()
                    .authenticated())
        .addFilterAfter(tokenFilter, LogoutFilter.class)
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(AbstractHttpConfigurer::disable)
        .formLogin(AbstractHttpConfigurer::disable)
        .httpBasic(AbstractHttpConfigurer::disable)
        .logout(AbstractHttpConfigurer::disable)
        .requestCache(AbstractHttpConfigurer::disable)
        .anonymous(a -> {})
        .exceptionHandling(e -> e.authenticationEntryPoint(errors).accessDeniedHandler(errors));
    return http.build();
  }
}
