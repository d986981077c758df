package io.perennial.tax;

/**
 * The registry could not answer now; {@code fault} is its fault code ({@code MS_UNAVAILABLE}: the member
 * state's system is down; {@code TIMEOUT}; {@code SERVICE_UNAVAILABLE}).
 */
public class VatRegistryUnavailable extends RuntimeException {

    private final String fault;

    public VatRegistryUnavailable(String fault, String message) {
        super(message);
        this.fault = fault;
    }

    public String fault() {
        return fault;
    }
}
