/** The few types every feature of core shares. */
package jp.ac.umin.libreclinica.core.shared;
