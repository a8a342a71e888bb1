package org.amber.journal;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Renders records (recursively, arrays by content) as one canonical line, for exact comparisons. */
public final class Describe {
    private Describe() {
    }

    public static String of(Object o) {
        if (o == null) {
            return "null";
        } else if (o instanceof String) {
            return '"' + (String) o + '"';
        } else if (o instanceof byte[]) {
            return "bytes" + Arrays.toString((byte[]) o);
        } else if (o instanceof int[]) {
            return "ints" + Arrays.toString((int[]) o);
        } else if (o instanceof Collection<?>) {
            return ((Collection<?>) o).stream().map(Describe::of).collect(Collectors.joining(", ", "[", "]"));
        } else if (o instanceof Map<?, ?>) {
            Map<String, String> sorted = new TreeMap<>();
            ((Map<?, ?>) o).forEach((k, v) -> sorted.put(of(k), of(v)));
            return sorted.toString();
        } else if (o.getClass().isRecord()) {
            return record(o);
        }
        return o.toString();
    }

    private static String record(Object o) {
        StringBuilder sb = new StringBuilder(o.getClass().getSimpleName()).append('(');
        RecordComponent[] parts = o.getClass().getRecordComponents();
        for (int i = 0; i < parts.length; i++) {
            try {
                sb.append(i == 0 ? "" : ", ").append(parts[i].getName()).append('=').append(of(parts[i].getAccessor().invoke(o)));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return sb.append(')').toString();
    }
}
