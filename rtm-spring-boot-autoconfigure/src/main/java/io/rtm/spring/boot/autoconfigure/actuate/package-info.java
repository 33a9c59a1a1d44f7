/** The secret key kept masked in the actuator's endpoints. */
@NullMarked
package io.rtm.spring.boot.autoconfigure.actuate;

import org.jspecify.annotations.NullMarked;
