package io.perennial.bench;

import io.perennial.launcher.EmbeddedStack;

import java.util.Arrays;

/**
 * The project's benchmarks, one command each (docs/benchmarks.md):
 *
 * <pre>
 * ./mvnw -q -pl bench -am compile exec:java@bench -Dexec.skip=true -Dexec.args="create --clients 16 --seconds 20"
 * </pre>
 *
 * Each prints its figure as a ratio to a floor measured in the same run, on the same servers, and the absolute
 * numbers. With {@code TEMPORAL_ADDRESS} (and {@code DATASOURCES_DEFAULT_URL}) set, it runs on those servers
 * instead of the embedded ones, as the launcher does.
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: Bench create|read|history|memory|burst [--clients N] [--seconds S] [--rounds R]"
                    + " [--plan PLAN_ID] [--count N] [--warmup S] | webhooks [--events N] [--rate R]");
            System.err.println("       Bench behaviour [--clients N] [--seconds S] [--rounds R]");
            System.err.println("       Bench recommend [--customers N] [--items M] [--clusters C] [--seed S]");
            System.err.println("       Bench refresh [--customers N] [--items M] [--clusters C] [--changed PERCENT] [--seed S]");
            System.err.println("       Bench rollup [--subscriptions N] [--months M] [--days D]");
            System.err.println("       Bench start [--runs N]");
            System.exit(2);
        }
        String[] options = Arrays.copyOfRange(args, 1, args.length);
        try {
            switch (args[0]) {
                case "create" -> CreateThroughput.run(BenchOptions.parse(options), EmbeddedStack.Options.fromEnvironment());
                case "read" -> ReadLatency.run(BenchOptions.parse(options), EmbeddedStack.Options.fromEnvironment());
                case "history" -> HistoryPerRenewal.run(BenchOptions.parse(options), EmbeddedStack.Options.fromEnvironment());
                case "memory" -> ParkedMemory.run(BenchOptions.parse(options), EmbeddedStack.Options.fromEnvironment());
                case "burst" -> BillingDayBurst.run(BenchOptions.parse(options), EmbeddedStack.Options.fromEnvironment());
                case "webhooks" -> WebhookDelivery.run(options);
                case "recommend" -> RecommenderEvaluation.run(options);
                case "behaviour" -> BehaviourIngestion.run(BenchOptions.parse(options));
                case "rollup" -> RollupScale.run(options);
                case "refresh" -> RecommendationRefreshScale.run(options);
                case "start" -> StartToHealthy.run(options);
                default -> {
                    System.err.println("no benchmark " + args[0]
                            + "; known: create, read, history, memory, webhooks, recommend, behaviour, refresh, rollup, start");
                    System.exit(2);
                }
            }
        } catch (Exception | Error e) {
            // exec:java would wait for the platform's leftover threads before it reported this.
            e.printStackTrace();
            System.exit(1);
        }
        // The platform's non-daemon threads (Netty, the worker) must not keep exec:java waiting.
        System.exit(0);
    }
}
