/**
 * Object identifiers (OIDs) in LibreClinica's shape: {@code S_}, {@code SE_}, {@code F_},
 * {@code IG_}, {@code I_}. One rule ({@link jp.ac.umin.libreclinica.core.oid.Oids}) forms them
 * all; {@link jp.ac.umin.libreclinica.core.oid.CrfOids} applies it to CRFs. See
 * {@code docs/oids.md}.
 */
package jp.ac.umin.libreclinica.core.oid;
