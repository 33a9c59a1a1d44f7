package io.rtm.spring.listener;

import java.lang.reflect.Method;

import io.rtm.spring.config.RtmListenerEndpoint;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/** The default {@link RtmListenerRecoverer}: logs the method, the push and the exception at error level. */
public final class LoggingRtmListenerRecoverer implements RtmListenerRecoverer {

    private static final Log logger = LogFactory.getLog(LoggingRtmListenerRecoverer.class);

    @Override
    public void recover(Exception exception, Object push, Method method) {
        // RtmMessage.toString names ids and sizes, not the content
        logger.error("@RtmListener method " + RtmListenerEndpoint.describe(method) + " failed on " + push, exception);
    }
}
