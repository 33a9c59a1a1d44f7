/** The sample application: listeners, the embedded gateway it runs on by default, and its traffic driver. */
@NullMarked
package io.rtm.sample;

import org.jspecify.annotations.NullMarked;
