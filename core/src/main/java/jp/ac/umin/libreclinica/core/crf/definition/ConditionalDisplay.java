package jp.ac.umin.libreclinica.core.crf.definition;

/**
 * Simple conditional display: the item is shown when {@code controlItem} holds
 * {@code optionValue}; {@code message} is shown when the item has a value but should be hidden.
 */
public record ConditionalDisplay(String controlItem, String optionValue, String message) {}
