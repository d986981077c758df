package io.perennial.bench;

import io.perennial.recommendation.Interaction;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A synthetic shop with planted structure, for the offline evaluation (docs/benchmarks.md). {@code items} items fall
 * into {@code clusters} equal "tastes" (coffee lovers, readers, …). Each customer has one taste and makes 6 to 20
 * interactions, in order: with probability 0.8 an item of their taste (within a taste, item k is chosen with weight
 * 1/(k+1), a Zipf-like head), otherwise any item by global popularity (also 1/(rank+1)). Each interaction is a view
 * (60 %, weight 1), an add-to-cart (25 %, weight 3) or a purchase (15 %, weight 5), the service's own weights. A
 * recommender that finds the tastes beats one that only knows what is popular.
 */
final class PlantedBaskets {

    /** A customer's interactions, oldest first. */
    record History(String customer, List<Interaction> events) {
    }

    private PlantedBaskets() {
    }

    static List<History> generate(int customers, int items, int clusters, long seed) {
        Random random = new Random(seed);
        int perCluster = items / clusters;
        double[] clusterWeights = harmonic(perCluster);
        double[] globalWeights = harmonic(items);
        List<History> histories = new ArrayList<>(customers);
        for (int c = 0; c < customers; c++) {
            String customer = "c" + c;
            int taste = random.nextInt(clusters);
            int count = 6 + random.nextInt(15);
            List<Interaction> events = new ArrayList<>(count);
            for (int e = 0; e < count; e++) {
                int item = random.nextDouble() < 0.8
                        ? taste * perCluster + pick(clusterWeights, random)
                        : pick(globalWeights, random);
                double roll = random.nextDouble();
                double weight = roll < 0.60 ? 1 : roll < 0.85 ? 3 : 5;
                events.add(new Interaction(customer, "sku:i" + item, weight));
            }
            histories.add(new History(customer, events));
        }
        return histories;
    }

    private static double[] harmonic(int n) {
        double[] cumulative = new double[n];
        double sum = 0;
        for (int k = 0; k < n; k++) {
            sum += 1.0 / (k + 1);
            cumulative[k] = sum;
        }
        for (int k = 0; k < n; k++) {
            cumulative[k] /= sum;
        }
        return cumulative;
    }

    private static int pick(double[] cumulative, Random random) {
        double u = random.nextDouble();
        int low = 0;
        int high = cumulative.length - 1;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (cumulative[mid] < u) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}
