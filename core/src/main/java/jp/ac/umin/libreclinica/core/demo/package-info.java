/**
 * Demo and benchmark data: {@link jp.ac.umin.libreclinica.core.demo.DemoDataGenerator} builds a
 * study with sites, event definitions and CRFs (generated design spreadsheets with every response
 * type and Japanese labels) and fills it with subjects, events and realistic item values, through
 * the services (real audit trail) or, with {@code fast}, by writing the clinical rows in batches.
 * Started by the WAR's {@code demo-data} command; see {@code docs/benchmarks.md}.
 */
package jp.ac.umin.libreclinica.core.demo;
