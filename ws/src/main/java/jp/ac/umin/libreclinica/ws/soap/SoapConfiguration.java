package jp.ac.umin.libreclinica.ws.soap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import jp.ac.umin.libreclinica.core.wsauth.WebServicesCredentialService;
import org.apache.cxf.Bus;
import org.apache.cxf.bus.spring.SpringBus;
import org.apache.cxf.jaxws.EndpointImpl;
import org.apache.cxf.transport.servlet.CXFServlet;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The SOAP services in this application: CXF's servlet at {@code <lc.ws.base-path>/ws/*}, one
 * endpoint per service, the WSDLs at the paths clients know, and a security chain that leaves
 * authentication to WS-Security (no session, no CSRF token: a SOAP client has neither).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SoapProperties.class)
public class SoapConfiguration {

  @Bean(name = Bus.DEFAULT_BUS_ID, destroyMethod = "shutdown")
  SpringBus cxf() {
    return new SpringBus();
  }

  @Bean
  SoapContract soapContract() {
    return new SoapContract();
  }

  @Bean
  SoapMessages soapMessages(MessageSource messageSource) {
    return new SoapMessages(messageSource);
  }

  @Bean
  ServletRegistrationBean<CXFServlet> soapServlet(SpringBus bus, SoapProperties settings) {
    CXFServlet servlet = new CXFServlet();
    servlet.setBus(bus);
    ServletRegistrationBean<CXFServlet> reg =
        new ServletRegistrationBean<>(servlet, settings.servicesPath() + "/*");
    reg.setName("soapServices");
    reg.setLoadOnStartup(1);
    // CXF lists its endpoints on a GET of the servlet's root: not for the public.
    reg.addInitParameter("hide-service-list-page", "true");
    return reg;
  }

  @Bean
  ServletRegistrationBean<WsdlServlet> soapWsdls(SoapContract contract, SoapProperties settings) {
    String[] paths =
        Arrays.stream(SoapService.values())
            .map(s -> settings.servicesPath() + s.path() + "/" + s.wsdlFileName())
            .toArray(String[]::new);
    ServletRegistrationBean<WsdlServlet> reg =
        new ServletRegistrationBean<>(new WsdlServlet(contract, settings.servicesPath()), paths);
    reg.setName("soapWsdls");
    return reg;
  }

  @Bean
  SoapEndpoints soapEndpoints(
      SpringBus bus,
      List<SoapOperations> operations,
      SoapContract contract,
      SoapMessages messages,
      WebServicesCredentialService credentials,
      SoapProperties settings) {
    return new SoapEndpoints(bus, operations, contract, messages, credentials, settings);
  }

  @Bean
  @Order(Ordered.HIGHEST_PRECEDENCE + 5)
  SecurityFilterChain soapSecurity(HttpSecurity http, SoapProperties settings) throws Exception {
    // a plain path match: the services are served by CXF's own servlet, which a Spring MVC
    // matcher (what a pattern string becomes) does not see, so the pages' chain with its CSRF
    // check would take the requests in the whole application
    String prefix = settings.servicesPath() + "/";
    http.securityMatcher((org.springframework.security.web.util.matcher.RequestMatcher)
            r -> r.getRequestURI().substring(r.getContextPath().length()).startsWith(prefix))
        .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(AbstractHttpConfigurer::disable)
        .formLogin(AbstractHttpConfigurer::disable)
        .httpBasic(AbstractHttpConfigurer::disable)
        .logout(AbstractHttpConfigurer::disable)
        .requestCache(AbstractHttpConfigurer::disable);
    return http.build();
  }

  /** The published endpoints, stopped with the application. */
  public static final class SoapEndpoints implements DisposableBean {

    private final List<EndpointImpl> endpoints = new ArrayList<>();

    SoapEndpoints(
        SpringBus bus,
        List<SoapOperations> operations,
        SoapContract contract,
        SoapMessages messages,
        WebServicesCredentialService credentials,
        SoapProperties settings) {
      MessageSizeInterceptor size = new MessageSizeInterceptor(settings.maxMessageBytes(), messages);
      UsernameTokenInterceptor token = new UsernameTokenInterceptor(credentials, messages);
      for (SoapOperations ops : operations) {
        SoapService s = ops.service();
        EndpointImpl ep = new EndpointImpl(bus, new SoapProvider(ops, contract, messages));
        ep.setServiceName(s.serviceQName());
        ep.setEndpointName(s.portQName());
        ep.getInInterceptors().add(size);
        ep.getInInterceptors().add(token);
        ep.publish(s.path());
        endpoints.add(ep);
      }
    }

    @Override
    public void destroy() {
      endpoints.forEach(EndpointImpl::stop);
    }
  }
}
