package io.rtm.spring.boot.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Warns, once the application's environment is prepared, about every key under {@code rtm.} that no known
 * property takes, naming the closest one: a misspelt key is ignored by the binding without a word. Known are
 * the {@code rtm.*} properties of the configuration metadata on the class path, of every module. Environment
 * variables are left out: {@code RTM_SECRET_KEY}, read by a {@code ${…}} placeholder, reads as the key
 * {@code rtm.secret.key}. Values are never logged.
 */
final class UnknownRtmPropertiesListener implements ApplicationListener<ApplicationPreparedEvent> {

    private static final Log logger = LogFactory.getLog(UnknownRtmPropertiesListener.class);

    private static final ConfigurationPropertyName RTM = ConfigurationPropertyName.of("rtm");

    private static final String METADATA = "META-INF/spring-configuration-metadata.json";

    @Override
    public void onApplicationEvent(ApplicationPreparedEvent event) {
        @Nullable ClassLoader classLoader = event.getSpringApplication().getClassLoader();
        warnings(event.getApplicationContext().getEnvironment(),
                (classLoader != null) ? classLoader : getClass().getClassLoader()).forEach(logger::warn);
    }

    /** One warning per unknown key, in the order of the keys. */
    static List<String> warnings(ConfigurableEnvironment environment, ClassLoader classLoader) {
        Map<ConfigurationPropertyName, @Nullable ConfigurationProperty> keys = new LinkedHashMap<>();
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            if (source instanceof IterableConfigurationPropertySource iterable
                    && !(source.getUnderlyingSource() instanceof SystemEnvironmentPropertySource)) {
                iterable.stream()
                    .filter(RTM::isAncestorOf)
                    .forEach((name) -> keys.putIfAbsent(name, source.getConfigurationProperty(name)));
            }
        }
        if (keys.isEmpty()) {
            return List.of();
        }
        Map<ConfigurationPropertyName, Boolean> known = knownProperties(classLoader);
        Map<ConfigurationPropertyName, @Nullable ConfigurationProperty> unknown = new LinkedHashMap<>();
        keys.forEach((name, property) -> {
            if (!isKnown(name, known)) {
                unknown.putIfAbsent(withoutIndexes(name), property);
            }
        });
        List<String> warnings = new ArrayList<>();
        unknown.forEach((name, property) -> warnings.add("Unknown property '" + name + "'"
                + ((property != null && property.getOrigin() != null) ? " (" + property.getOrigin() + ")" : "")
                + " is ignored; did you mean '" + closest(name.toString(), known.keySet()) + "'?"));
        return warnings;
    }

    /**
     * The {@code rtm.*} properties of the metadata, each with whether it holds elements (a list, set, array or
     * map): such a property takes the keys below it as well.
     */
    private static Map<ConfigurationPropertyName, Boolean> knownProperties(ClassLoader classLoader) {
        Map<ConfigurationPropertyName, Boolean> known = new LinkedHashMap<>();
        try {
            for (URL url : Collections.list(classLoader.getResources(METADATA))) {
                try (InputStream in = url.openStream()) {
                    String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    if (!json.contains("\"rtm.")) {
                        continue; // most metadata on the class path, Spring Boot's own, is not worth parsing
                    }
                    // not Boot's JsonParserFactory: without Jackson or Gson its parser misreads these files
                    @Nullable Object properties = MetadataJson.parseObject(json).get("properties");
                    if (properties instanceof List<?> list) {
                        for (Object property : list) {
                            if (property instanceof Map<?, ?> map && map.get("name") instanceof String name
                                    && RTM.isAncestorOf(ConfigurationPropertyName.of(name))) {
                                known.put(ConfigurationPropertyName.of(name), holdsElements(map.get("type")));
                            }
                        }
                    }
                }
            }
        } catch (IOException | IllegalArgumentException ex) {
            logger.debug("Cannot read the configuration metadata; unknown rtm.* keys are not looked for", ex);
            return Map.of();
        }
        return known;
    }

    private static boolean holdsElements(@Nullable Object type) {
        return type instanceof String name && (name.endsWith("[]") || name.startsWith("java.util.List")
                || name.startsWith("java.util.Set") || name.startsWith("java.util.Collection")
                || name.startsWith("java.util.Map"));
    }

    private static boolean isKnown(ConfigurationPropertyName name, Map<ConfigurationPropertyName, Boolean> known) {
        // without metadata nothing is known, and nothing is to be reported
        return known.isEmpty() || known.entrySet().stream().anyMatch((property) -> property.getKey().equals(name)
                || (property.getValue() && property.getKey().isAncestorOf(name)));
    }

    /** {@code rtm.listen.group[0]} as {@code rtm.listen.group}: one warning for all the elements. */
    private static ConfigurationPropertyName withoutIndexes(ConfigurationPropertyName name) {
        for (int i = 0; i < name.getNumberOfElements(); i++) {
            if (name.isNumericIndex(i)) {
                return name.chop(i);
            }
        }
        return name;
    }

    private static String closest(String name, Set<ConfigurationPropertyName> known) {
        Set<String> names = new TreeSet<>();
        known.forEach((property) -> names.add(property.toString()));
        return names.stream().min(Comparator.comparingInt((candidate) -> distance(name, candidate))).orElse("rtm.*");
    }

    /** The Levenshtein distance: the fewest single-character edits that turn one text into the other. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + ((a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
