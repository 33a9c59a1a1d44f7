/** Micrometer meters of the auto-configured client. */
@NullMarked
package io.rtm.spring.boot.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
