package io.perennial.worker;

import io.micronaut.runtime.Micronaut;

/** Runs the worker alone, against an external Temporal and PostgreSQL (how docker-compose runs it). */
public final class WorkerApplication {
    private WorkerApplication() {
    }

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(WorkerApplication.class).environments("worker").start();
    }
}
