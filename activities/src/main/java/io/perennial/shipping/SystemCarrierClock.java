package io.perennial.shipping;

import jakarta.inject.Singleton;

import java.time.Instant;

@Singleton
public class SystemCarrierClock implements CarrierClock {
    @Override
    public Instant now() {
        return Instant.now();
    }
}
