/**
 * CSV files as Excel users open them: UTF-8 with a byte-order mark, or Windows-31J (Shift_JIS)
 * for older Japanese Excel; RFC 4180 quoting; values that Windows-31J cannot hold are reported
 * by place instead of being written as question marks. Reading accepts UTF-8 with or without
 * a BOM and Windows-31J.
 */
package jp.ac.umin.libreclinica.core.csv;
