package io.perennial.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU seconds used so far by the processes of a run, read from Linux's {@code /proc}: this JVM (API, worker and the
 * in-process Temporal server when embedded), PostgreSQL (every {@code postgres} process), the Temporal server (a
 * {@code temporal} process), and the whole machine (everything else included: other builds on a shared machine).
 * Empty where {@code /proc} is not there.
 */
final class CpuSplit {

    /** Clock ticks per second of {@code /proc/…/stat}: 100 on every Linux this runs on (USER_HZ). */
    private static final double TICKS = 100.0;

    private CpuSplit() {
    }

    static Map<String, Double> now() {
        Map<String, Double> seconds = new TreeMap<>();
        if (!Files.isDirectory(Path.of("/proc/self"))) {
            return seconds;
        }
        long self = ProcessHandle.current().pid();
        try (var entries = Files.list(Path.of("/proc"))) {
            entries.map(path -> path.getFileName().toString()).filter(name -> name.chars().allMatch(Character::isDigit))
                    .forEach(pid -> {
                        String stat = stat(pid);
                        if (stat == null) {
                            return;
                        }
                        // The kernel's name of the process (its comm, in parentheses), whoever started it and
                        // however: Java's view of another process's command line can be empty.
                        String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                        String role = Long.parseLong(pid) == self ? "jvm (API + worker)"
                                : name.equals("postgres") ? "postgresql"
                                : name.equals("temporal") || name.startsWith("temporal-serve") ? "temporal server"
                                : null;
                        if (role != null) {
                            seconds.merge(role, cpuSeconds(stat), Double::sum);
                        }
                    });
        } catch (IOException e) {
            return seconds;
        }
        seconds.put("machine (all processes)", machineSeconds());
        return seconds;
    }

    static Map<String, Double> since(Map<String, Double> before) {
        Map<String, Double> used = new TreeMap<>();
        now().forEach((role, seconds) -> used.put(role,
                Math.round((seconds - before.getOrDefault(role, 0.0)) * 10) / 10.0));
        return used;
    }

    /** {@code /proc/<pid>/stat}, or null for a process gone meanwhile. */
    private static String stat(String pid) {
        try {
            return Files.readString(Path.of("/proc", pid, "stat"));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** utime + stime of a process (all its threads), in seconds, from its {@code stat} line. */
    private static double cpuSeconds(String stat) {
        try {
            // Fields after the command name in parentheses (which may hold spaces): state is the 3rd field.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS;
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /** Busy time of all cores (user, nice, system, irq, softirq, steal), from the first line of /proc/stat. */
    private static double machineSeconds() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/stat"));
            String[] cpu = lines.get(0).trim().split("\\s+");
            long busy = 0;
            for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
                busy += Long.parseLong(cpu[i]);
            }
            return busy / TICKS;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
