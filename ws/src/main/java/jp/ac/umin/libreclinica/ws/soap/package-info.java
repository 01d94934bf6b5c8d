/**
 * LibreClinica's SOAP web services v1 on Apache CXF: the same WSDL URLs, namespaces,
 * operations and WS-Security UsernameToken that existing clients use, served from this
 * application under {@code lc.ws.base-path} + {@code /ws}. Contract first: the XSDs in
 * {@code soap/v1/} are ours (written from the published contract), every request is validated
 * against them, and the WSDLs are built from them with the address of the requesting server.
 */
package jp.ac.umin.libreclinica.ws.soap;
