/** The {@code spring} scenario's application: the starter and one counting {@code @RtmListener} method. */
@NullMarked
package io.rtm.benchmarks.spring;

import org.jspecify.annotations.NullMarked;
