package jp.ac.umin.libreclinica.testsupport.account;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The application of core's integration tests: everything in {@code core}. It lives outside
 * the scanned packages so that other modules' test applications never pick it up.
 */
@SpringBootApplication(scanBasePackages = "jp.ac.umin.libreclinica.core")
public class CoreAccountTestApplication {}
