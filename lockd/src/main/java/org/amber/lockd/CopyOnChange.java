package org.amber.lockd;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** Maps a list whose elements mostly stay as they are: no copy, no allocation, unless one changes. */
final class CopyOnChange {
    private CopyOnChange() {
    }

    /** {@code list} itself when {@code f} returns every element unchanged (the same instance); else a changed copy. */
    static <T> List<T> map(List<T> list, UnaryOperator<T> f) {
        List<T> out = list;
        for (int i = 0; i < list.size(); i++) {
            T before = list.get(i);
            T after = f.apply(before);
            if (after != before) {
                if (out == list) {
                    out = new ArrayList<>(list);
                }
                out.set(i, after);
            }
        }
        return out;
    }
}
