/**
 * {@link io.rtm.spring.annotation.RtmListener @RtmListener} methods and
 * {@link io.rtm.spring.annotation.EnableRtm @EnableRtm}, which registers what finds and calls them.
 */
@NullMarked
package io.rtm.spring.annotation;

import org.jspecify.annotations.NullMarked;
