package io.perennial.bench;

/**
 * The planted-baskets benchmarks' options ({@code bench recommend}, {@code bench refresh}): {@code --customers},
 * {@code --items}, {@code --clusters} of items bought together, {@code --seed}, and {@code --changed}, the percentage
 * of customers whose behaviour changes between refreshes (read by {@code refresh} only).
 */
record BasketOptions(int customers, int items, int clusters, double changedPercent, long seed) {

    static BasketOptions parse(String[] args) {
        int customers = 10_000;
        int items = 1_000;
        int clusters = 20;
        double changed = 1;
        long seed = 42;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--customers" -> customers = Integer.parseInt(args[i + 1]);
                case "--items" -> items = Integer.parseInt(args[i + 1]);
                case "--clusters" -> clusters = Integer.parseInt(args[i + 1]);
                case "--changed" -> changed = Double.parseDouble(args[i + 1]);
                case "--seed" -> seed = Long.parseLong(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (customers < 1 || items < 1 || clusters < 1 || changed < 0 || changed > 100) {
            throw new IllegalArgumentException("customers, items and clusters are at least 1; changed is 0 to 100");
        }
        return new BasketOptions(customers, items, clusters, changed, seed);
    }
}
