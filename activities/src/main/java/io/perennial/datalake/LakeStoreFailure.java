package io.perennial.datalake;

/**
 * The object store did not take a partition. {@code refused} when retrying cannot help (credentials, a missing
 * bucket); otherwise the store was unreachable or failed (5xx) and a later attempt may succeed.
 */
public class LakeStoreFailure extends RuntimeException {

    private final boolean refused;

    public LakeStoreFailure(String message, boolean refused, Throwable cause) {
        super(message, cause);
        this.refused = refused;
    }

    public boolean refused() {
        return refused;
    }
}
