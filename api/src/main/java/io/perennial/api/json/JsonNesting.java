package io.perennial.api.json;

import com.fasterxml.jackson.core.StreamReadConstraints;

/**
 * How deep a JSON body may nest: as deep as Jackson reads ({@link StreamReadConstraints#DEFAULT_MAX_DEPTH}).
 * Bodies bound to records are read by Jackson token by token and refused at the first token the record does not
 * expect, long before that. The codec's bodies are read by protobuf's recursive parser, where 100,000 nested
 * brackets overflowed the stack (a 500), so they are measured with this first.
 */
public final class JsonNesting {

    public static final int MAX_DEPTH = StreamReadConstraints.DEFAULT_MAX_DEPTH;
    public static final String TOO_DEEP = "JSON may be nested at most " + MAX_DEPTH + " levels deep";

    private JsonNesting() {
    }

    /** True when no array or object in {@code json} is nested deeper than {@link #MAX_DEPTH}. */
    public static boolean withinLimit(String json) {
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '[' || c == '{') {
                if (++depth > MAX_DEPTH) {
                    return false;
                }
            } else if (c == ']' || c == '}') {
                depth--;
            }
        }
        return true;
    }
}
