package jp.ac.umin.libreclinica.testsupport.accountweb;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** core + web, for the account and login page tests (outside the scanned packages on purpose). */
@SpringBootApplication(scanBasePackages = {"jp.ac.umin.libreclinica.core", "jp.ac.umin.libreclinica.web"})
public class AccountWebTestApplication {}
