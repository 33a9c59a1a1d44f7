/** The {@code failover} scenario's application: a cluster member that notes when each push was handled. */
@NullMarked
package io.rtm.benchmarks.failover;

import org.jspecify.annotations.NullMarked;
