/**
 * Object identifiers (OIDs) in LibreClinica's shape: {@code S_}, {@code SE_}, {@code F_},
 * {@code IG_}, {@code I_}. One rule forms them all; see {@code docs/oids.md}.
 */
package jp.ac.umin.libreclinica.core.oid;
