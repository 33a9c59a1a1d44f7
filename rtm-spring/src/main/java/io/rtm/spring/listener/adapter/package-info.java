/**
 * How a listener method is called with a push: the {@link io.rtm.spring.listener.adapter.RtmHandlerMethodFactory}
 * checks its signature and makes it invocable through spring-messaging's handler-method machinery, with
 * argument resolvers for the push, its text or bytes, and its JSON content through an
 * {@link io.rtm.spring.listener.adapter.RtmPayloadConverter}.
 */
@NullMarked
package io.rtm.spring.listener.adapter;

import org.jspecify.annotations.NullMarked;
