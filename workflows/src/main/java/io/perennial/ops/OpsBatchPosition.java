package io.perennial.ops;

/**
 * Where a batch stands, carried from run to run: the selection's cursor (opaque to the workflow: a keyset position
 * or a visibility page token) and the counts so far. {@code selected} is what matched at the start (-1 when the
 * store cannot count).
 */
public record OpsBatchPosition(String cursor, int selected, int succeeded, int failed, int run) {
}
