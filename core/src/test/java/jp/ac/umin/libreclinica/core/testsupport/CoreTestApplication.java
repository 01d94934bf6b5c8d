package jp.ac.umin.libreclinica.core.testsupport;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The Spring Boot configuration of core's integration tests: every core feature on the shared
 * test database, without web. Name it explicitly: {@code @SpringBootTest(classes = CoreTestApplication.class)}.
 */
@SpringBootApplication(scanBasePackages = "jp.ac.umin.libreclinica.core")
public class CoreTestApplication {}
