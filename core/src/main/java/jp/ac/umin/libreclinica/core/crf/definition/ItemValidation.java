package jp.ac.umin.libreclinica.core.crf.definition;

/**
 * An edit check on an item's value: {@code regexp: /…/} or {@code func: name(args)} (gt, lt,
 * gte, lte, eq, ne, range), with the message shown when a value fails it.
 */
public record ItemValidation(String expression, String message) {}
