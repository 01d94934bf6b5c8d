/**
 * What happens before the application runs: startup failures explained in one message that
 * names the setting to change (Spring Boot failure analyzers, registered in
 * {@code META-INF/spring.factories}), in the server's language.
 */
package jp.ac.umin.libreclinica.core.startup;
