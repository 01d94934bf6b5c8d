/**
 * Markup that users may write (CRF item texts, section instructions): the simple HTML that
 * LibreClinica CRFs use is kept, anything that could run script is removed.
 */
package jp.ac.umin.libreclinica.core.markup;
