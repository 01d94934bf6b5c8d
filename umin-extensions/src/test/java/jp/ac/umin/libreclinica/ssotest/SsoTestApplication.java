package jp.ac.umin.libreclinica.ssotest;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * {@code core} and {@code web} as the application has them, with umin-extensions coming in
 * through its auto-configuration (as in the WAR).
 */
@SpringBootApplication(
    scanBasePackages = {"jp.ac.umin.libreclinica.core", "jp.ac.umin.libreclinica.web"})
public class SsoTestApplication {}
