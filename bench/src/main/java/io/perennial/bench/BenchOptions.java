package io.perennial.bench;

import java.time.Duration;

/**
 * How hard and how long a benchmark runs: {@code --clients}, {@code --seconds} a phase, {@code --rounds},
 * {@code --plan}, {@code --count} (how many subscriptions the memory benchmark parks) and {@code --warmup} (seconds
 * each side of the create benchmark runs before it is measured; a phase's length when not given).
 */
record BenchOptions(int clients, Duration phase, int rounds, String planId, int count, Duration warmUp) {

    static BenchOptions parse(String[] args) {
        int clients = 16;
        int seconds = 20;
        int rounds = 2;
        String plan = "plan_digital_monthly";
        int count = 10_000;
        Integer warmUp = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--clients" -> clients = Integer.parseInt(args[i + 1]);
                case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                case "--plan" -> plan = args[i + 1];
                case "--count" -> count = Integer.parseInt(args[i + 1]);
                case "--warmup" -> warmUp = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (clients < 1 || seconds < 1 || rounds < 1 || count < 1 || (warmUp != null && warmUp < 1)) {
            throw new IllegalArgumentException("clients, seconds, rounds, count and warmup are at least 1");
        }
        return new BenchOptions(clients, Duration.ofSeconds(seconds), rounds, plan, count,
                Duration.ofSeconds(warmUp == null ? seconds : warmUp));
    }
}
