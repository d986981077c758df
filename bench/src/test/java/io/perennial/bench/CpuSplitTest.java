package io.perennial.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The CPU split finds the Temporal server by the kernel's name for it, whoever started it. */
@EnabledOnOs(OS.LINUX)
class CpuSplitTest {

    @Test
    void aBusyProcessNamedTemporalServerIsCountedAsTheServer(@TempDir Path dir) throws Exception {
        // A busy loop under the server's name, started through a shell as a launcher script would start it.
        Path server = Files.copy(Path.of("/usr/bin/yes"), dir.resolve("temporal-server"),
                StandardCopyOption.COPY_ATTRIBUTES);
        Map<String, Double> before = CpuSplit.now();
        Process shell = new ProcessBuilder("sh", "-c", "'" + server + "' > /dev/null & wait").start();
        Map<String, Double> used;
        try {
            Thread.sleep(1_500);
            used = CpuSplit.since(before);
        } finally {
            shell.descendants().forEach(ProcessHandle::destroyForcibly);
            shell.destroyForcibly();
        }

        assertThat(used.getOrDefault("temporal server", 0.0)).isGreaterThan(0.3);
        assertThat(used.get("machine (all processes)")).isGreaterThanOrEqualTo(used.get("temporal server"));
    }
}
