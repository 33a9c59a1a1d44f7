package io.rtm.spring.boot.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives a Spring test context an {@link RtmListenerTestHarness} bean, which records every call of an
 * {@code @RtmListener} method for the test to wait for and look at.
 *
 * <pre>{@code
 * @SpringBootTest
 * @EmbeddedRtmServer
 * @RtmListenerTest
 * class OrderTests {
 *
 *     @Autowired RtmTestServer gateway;
 *     @Autowired RtmListenerTestHarness harness;
 *
 *     @Test
 *     void anOrderIsHandled() {
 *         RtmTestPush.Message order = group(1001).from(42).text(51, "{\"id\":\"A-1\"}");
 *         gateway.push(order);
 *         RtmListenerInvocation call = harness.awaitInvocation("orders",
 *                 (invocation) -> invocation.message().messageId() == order.mid());
 *         assertThat(call.failure()).isNull();
 *     }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface RtmListenerTest {
}
