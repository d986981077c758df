package io.perennial.points;

import jakarta.inject.Singleton;

import java.time.Instant;

@Singleton
public class SystemPointsClock implements PointsClock {
    @Override
    public Instant now() {
        return Instant.now();
    }
}
