package io.rtm.fpnn;

import org.jspecify.annotations.Nullable;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * An unmodifiable, insertion-ordered map of a few String keys in two arrays,
 * looked up by linear scan: a decoded payload's fields cost two arrays
 * instead of a hash table and one entry object per field. Filled only by the
 * decoder, through {@link #add}.
 */
final class SmallMap extends AbstractMap<String, @Nullable Object> {

    /** Maps of more entries go into a LinkedHashMap. */
    static final int MAX_SIZE = 16;

    private final String[] keys;
    private final @Nullable Object[] values;
    private int size;

    SmallMap(int capacity) {
        this.keys = new String[capacity];
        this.values = new Object[capacity];
    }

    /** Adds a field; a key seen before keeps its place and takes the new value, as in a LinkedHashMap. */
    void add(String key, @Nullable Object value) {
        int i = indexOf(key);
        if (i >= 0) {
            values[i] = value;
        } else {
            keys[size] = key;
            values[size] = value;
            size++;
        }
    }

    private int indexOf(@Nullable Object key) {
        for (int i = 0; i < size; i++) {
            String k = keys[i];
            if (k == key || k.equals(key)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean containsKey(@Nullable Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    public @Nullable Object get(@Nullable Object key) {
        int i = indexOf(key);
        return i < 0 ? null : values[i];
    }

    @Override
    public Set<Map.Entry<String, @Nullable Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return size;
            }

            @Override
            public Iterator<Map.Entry<String, @Nullable Object>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < size;
                    }

                    @Override
                    public Map.Entry<String, @Nullable Object> next() {
                        if (next >= size) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new SimpleImmutableEntry<>(keys[i], values[i]);
                    }
                };
            }
        };
    }
}
