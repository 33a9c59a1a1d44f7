package io.rtm.test;

/**
 * The three kinds of message pushes (protocol section 7), each with the push
 * method, the field naming its target and who gets it (section 8.3).
 */
public enum GatewayMessageKind {

    /** {@code pushmsg} to user {@code to}: connections listening to every P2P message or to that uid. */
    P2P("pushmsg", "to"),
    /** {@code pushgroupmsg} to group {@code gid}: connections listening to every group or to that gid. */
    GROUP("pushgroupmsg", "gid"),
    /** {@code pushroommsg} to room {@code rid}: connections listening to every room or to that rid. */
    ROOM("pushroommsg", "rid");

    private final String pushMethod;
    private final String idKey;

    GatewayMessageKind(String pushMethod, String idKey) {
        this.pushMethod = pushMethod;
        this.idKey = idKey;
    }

    /** The method of the push: {@code pushmsg}, {@code pushgroupmsg} or {@code pushroommsg}. */
    public String pushMethod() {
        return pushMethod;
    }

    /** The push's field that names the target: {@code to}, {@code gid} or {@code rid}. */
    public String idKey() {
        return idKey;
    }
}
