/** A Micrometer observation around every listener call. */
@NullMarked
package io.rtm.spring.boot.autoconfigure.observation;

import org.jspecify.annotations.NullMarked;
