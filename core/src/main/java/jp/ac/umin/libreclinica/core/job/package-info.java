/**
 * Background jobs (casebook archives; extracts and imports later): a row users see, with
 * progress, cancel and the result file, run by Quartz on its JDBC job store. See docs/jobs.md.
 */
package jp.ac.umin.libreclinica.core.job;
