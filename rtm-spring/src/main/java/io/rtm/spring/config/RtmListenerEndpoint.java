package io.rtm.spring.config;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import io.rtm.client.ListenState;
import io.rtm.client.MessageSource;
import io.rtm.client.RtmPushType;
import org.jspecify.annotations.Nullable;

/**
 * One listener method of one bean and the pushes it takes: its push types, and the group, room and
 * receiving user ids and event names it is limited to (empty: no limit). The ids and names are also
 * what the method adds to the listen set, while its {@link RtmListenerContainer} runs. Immutable; the sets
 * are copied.
 *
 * @param id     unique among the registered endpoints; {@code @RtmListener} methods get
 *               {@code beanName.method(ParameterTypes)}, and methods that match one push are called in
 *               the order of their ids
 * @param bean   the bean the method is called on
 * @param method the method, invocable on the bean
 * @param types  the push types it takes
 * @param groups group ids it is limited to (group push types)
 * @param rooms  room ids it is limited to (room push types)
 * @param users  receiving user ids it is limited to (P2P push types)
 * @param events event names it is limited to ({@link RtmPushType#EVENT})
 * @param autoStartup whether its container starts with the registry; when not, it gets nothing and its ids are
 *                    not listened to until its container is started
 * @param replyFrom   the user that what the method returns is sent from, back into the push's conversation;
 *                    {@code null} for a method that returns nothing
 */
public record RtmListenerEndpoint(String id, Object bean, Method method, Set<RtmPushType> types, Set<Long> groups,
        Set<Long> rooms, Set<Long> users, Set<String> events, boolean autoStartup, @Nullable Long replyFrom) {

    /** An endpoint that starts with the registry and returns nothing. */
    public RtmListenerEndpoint(String id, Object bean, Method method, Set<RtmPushType> types, Set<Long> groups,
            Set<Long> rooms, Set<Long> users, Set<String> events) {
        this(id, bean, method, types, groups, rooms, users, events, true, null);
    }

    /** Copies the sets. */
    public RtmListenerEndpoint {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(bean, "bean");
        Objects.requireNonNull(method, "method");
        types = Collections.unmodifiableSet(
                types.isEmpty() ? EnumSet.noneOf(RtmPushType.class) : EnumSet.copyOf(types));
        groups = Set.copyOf(groups);
        rooms = Set.copyOf(rooms);
        users = Set.copyOf(users);
        events = Set.copyOf(events);
    }

    /** The ids and event names this endpoint adds to the listen set while it runs. */
    public ListenState listens() {
        return ListenState.EMPTY.plus(this.groups, this.rooms, this.users, this.events);
    }

    /** The ids that limit messages from that source: {@link #users()}, {@link #groups()} or {@link #rooms()}. */
    public Set<Long> targets(MessageSource source) {
        return switch (source) {
            case P2P -> this.users;
            case GROUP -> this.groups;
            case ROOM -> this.rooms;
        };
    }

    /** A method as messages about listener methods name it: {@code Class.method(ParameterTypes)}. */
    public static String describe(Method method) {
        return method.getDeclaringClass().getName() + "." + method.getName() + "("
                + Arrays.stream(method.getParameterTypes()).map(Class::getSimpleName).collect(Collectors.joining(", "))
                + ")";
    }

    @Override
    public String toString() {
        return "RtmListenerEndpoint{" + this.id + ", types=" + this.types + "}";
    }
}
