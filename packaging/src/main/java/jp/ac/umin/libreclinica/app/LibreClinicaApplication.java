package jp.ac.umin.libreclinica.app;

import jp.ac.umin.libreclinica.command.AuditVerifyCommand;
import jp.ac.umin.libreclinica.command.DemoDataCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.support.SpringBootServletInitializer;

/**
 * The UMIN LibreClinica application: {@code java -jar umin-libreclinica.war} or deployed into
 * Tomcat 10.1. Scans {@code core}, {@code web} and {@code ws}; the optional modules
 * ({@code i18n-ja}, {@code umin-extensions}) come in through Spring Boot auto-configuration.
 */
@SpringBootApplication(
    scanBasePackages = {
      "jp.ac.umin.libreclinica.core",
      "jp.ac.umin.libreclinica.web",
      "jp.ac.umin.libreclinica.ws",
      "jp.ac.umin.libreclinica.app"
    })
public class LibreClinicaApplication extends SpringBootServletInitializer {

  public static void main(String[] args) {
    if (AuditVerifyCommand.isRequested(args)) {
      System.exit(AuditVerifyCommand.run(args));
    }
    if (DemoDataCommand.isRequested(args)) {
      System.exit(DemoDataCommand.run(args));
    }
    SpringApplication.run(LibreClinicaApplication.class, args);
  }

  @Override
  protected SpringApplicationBuilder configure(SpringApplicationBuilder builder) {
    return builder.sources(LibreClinicaApplication.class);
  }
}
