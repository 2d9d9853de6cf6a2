package io.mysimbdp.common.runtime;

import io.mysimbdp.common.profile.TenantProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalProcessRuntimeTest {
    @TempDir
    Path home;

    WorkloadSpec spec(List<String> command, Duration timeout) {
        return new WorkloadSpec("ingest-t-1", "t", "app", command, null,
                Map.of("MYSIMBDP_TENANT", "t", "MYSIMBDP_INPUT_DIR", "/in"),
                TenantProfile.Resources.defaults(), timeout, home.resolve("logs/t/1.log"), Map.of());
    }

    @Test
    void runsTheAppWithOnlyTheContractEnvironmentAndNoArguments() throws Exception {
        Path app = home.resolve("apps/print-env");
        Files.createDirectories(app.getParent());
        Files.writeString(app, "#!/bin/sh\necho \"args=$#\"\nenv | sort\nexit 3\n");
        app.toFile().setExecutable(true);
        RunningWorkload w = new LocalProcessRuntime(home).start(spec(List.of("apps/print-env"), Duration.ofSeconds(30)));
        WorkloadExit exit = w.exit().get(30, TimeUnit.SECONDS);
        assertEquals(3, exit.exitCode());
        assertFalse(exit.succeeded());
        String log = Files.readString(home.resolve("logs/t/1.log"));
        assertTrue(log.contains("args=0"), log);
        assertTrue(log.contains("MYSIMBDP_TENANT=t") && log.contains("MYSIMBDP_INPUT_DIR=/in"), log);
        for (String line : log.split("\n")) {
            if (line.contains("=") && !line.startsWith("args")) {
                String key = line.substring(0, line.indexOf('='));
                assertTrue(key.startsWith("MYSIMBDP_") || LocalProcessRuntime.INHERITED_ENV.contains(key)
                        || key.equals("PWD") || key.equals("SHLVL") || key.equals("_"), "leaked host variable " + key);
            }
        }
    }

    @Test
    void killsTheProcessTreeAfterItsTimeout() throws Exception {
        RunningWorkload w = new LocalProcessRuntime(home).start(spec(List.of("/bin/sh", "-c", "sleep 60 & wait"), Duration.ofMillis(300)));
        long pid = Long.parseLong(w.handle().split("@")[0]);
        WorkloadExit exit = w.exit().get(20, TimeUnit.SECONDS);
        assertTrue(exit.timedOut());
        assertTrue(exit.message().contains("timeout"), exit.message());
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    }

    @Test
    void adoptsAProcessStartedBeforeARestart() throws Exception {
        Process orphan = new ProcessBuilder("/bin/sh", "-c", "sleep 0.5").start();
        String handle = LocalProcessRuntime.handleOf(orphan.toHandle());
        assertTrue(handle.matches(orphan.pid() + "@\\d+"), handle);
        // same pid, another start time: a reused pid is not adopted
        assertTrue(new LocalProcessRuntime(home).adopt("x", orphan.pid() + "@1").isEmpty());
        var adopted = new LocalProcessRuntime(home).adopt("ingest-t-2", handle).orElseThrow();
        WorkloadExit exit = adopted.exit().get(20, TimeUnit.SECONDS);
        assertEquals(-1, exit.exitCode());
        assertTrue(new LocalProcessRuntime(home).adopt("gone", "999999999").isEmpty());
    }

    @Test
    void resolvesRelativeCommandsAgainstTheHome() {
        assertEquals(home.resolve("bin/app").toString(), LocalProcessRuntime.resolveCommand(home, List.of("bin/app")).get(0));
        assertEquals("java", LocalProcessRuntime.resolveCommand(home, List.of("java", "-jar", "x.jar")).get(0));
        assertEquals("/opt/app", LocalProcessRuntime.resolveCommand(home, List.of("/opt/app")).get(0));
    }
}
