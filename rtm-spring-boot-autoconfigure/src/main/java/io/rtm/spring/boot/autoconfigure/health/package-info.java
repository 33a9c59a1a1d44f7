/** Health indicator {@code rtm} of the auto-configured client, with Spring Boot's health support. */
@NullMarked
package io.rtm.spring.boot.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
