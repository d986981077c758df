package io.perennial.periodic;

/** @param trigger who started it: {@code schedule} */
public record PurgeRequest(PurgeKind kind, String trigger) {
}
