package jp.ac.umin.libreclinica.web.security;

/** A button on the sign-in page: its text (a message key) and where it leads. */
public record SignOnButton(String labelKey, String url) {}
