/**
 * Data entry: checking and storing item values of event CRFs. {@link
 * jp.ac.umin.libreclinica.core.dataentry.ItemValueValidator} turns what a user typed into the
 * canonical stored form (ISO dates, {@code .} decimals, option values) or says what is wrong.
 */
package jp.ac.umin.libreclinica.core.dataentry;
