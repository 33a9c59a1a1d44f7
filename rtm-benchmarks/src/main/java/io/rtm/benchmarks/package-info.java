/**
 * The benchmark harness: the client JVM's scenarios, the gateway in a JVM of
 * its own, and the benchmark quests it serves (see BENCHMARKS.md).
 */
@NullMarked
package io.rtm.benchmarks;

import org.jspecify.annotations.NullMarked;
