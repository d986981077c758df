package io.perennial.periodic;

public record PurgeResult(PurgeKind kind, int purged) {
}
