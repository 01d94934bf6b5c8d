package jp.ac.umin.libreclinica.testsupport.account;

import jp.ac.umin.libreclinica.core.audit.AuditService;
import org.mockito.Mockito;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Replaces the audit trail by a Mockito mock, for applications started by hand in tests (the
 * audit storage is built separately).
 */
@Configuration(proxyBeanMethods = false)
public class NoAuditConfiguration {

  @Bean
  @Primary
  AuditService mockAuditService() {
    return Mockito.mock(AuditService.class);
  }
}
