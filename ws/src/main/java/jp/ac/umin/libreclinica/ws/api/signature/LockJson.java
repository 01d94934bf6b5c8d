package jp.ac.umin.libreclinica.ws.api.signature;

/** Whether a casebook or an event CRF is locked after the request, and its status. */
public record LockJson(boolean locked, String status) {}
