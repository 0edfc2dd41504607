/**
 * JMH benchmarks of the lookups the rules make and of a 1,000,000-row import, on an H2 file
 * database under {@code target/bench}. Not tests: {@code mvn verify} compiles them and never runs
 * them. Run with {@code mvn -B -pl guard-directory -Pbench test-compile exec:exec}; the figures are
 * in {@code docs/benchmarks-directory.md}.
 */
package com.misdeliveryguard.directory.bench;
