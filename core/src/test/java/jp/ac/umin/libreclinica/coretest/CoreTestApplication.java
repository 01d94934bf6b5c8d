package jp.ac.umin.libreclinica.coretest;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The Spring Boot configuration of {@code core}'s own integration tests. It lives outside
 * {@code jp.ac.umin.libreclinica.core} so that other modules, which scan that package and have
 * this test-jar on their classpath, do not pick it up.
 */
@SpringBootApplication(scanBasePackages = "jp.ac.umin.libreclinica.core")
public class CoreTestApplication {}
