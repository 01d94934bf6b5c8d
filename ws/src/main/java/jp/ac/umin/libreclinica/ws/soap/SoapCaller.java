package jp.ac.umin.libreclinica.ws.soap;

import java.util.Locale;

/** Who sent a SOAP request (authenticated by its UsernameToken) and the language to answer in. */
public record SoapCaller(String userName, Locale locale) {}
