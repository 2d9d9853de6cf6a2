package io.mysimbdp.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@link BatchTestEnvironment} with the manager's state directory (staging, jobs, invalid, failed)
 * on a small tmpfs of its own, so a test can fill it. Mounting needs root (CAP_SYS_ADMIN); where it
 * is not allowed, {@link #mounted} stays false and the tests that need it are skipped.
 */
public class FullDiskEnvironment extends BatchTestEnvironment {
    static final String SIZE = "4m";
    public static volatile boolean mounted;
    private Path mountPoint;

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        try {
            mountPoint = Files.createDirectories(root.resolve("small-volume"));
            mounted = run("mount", "-t", "tmpfs", "-o", "size=" + SIZE, "tmpfs", mountPoint.toString());
            if (mounted) {
                var = Files.createDirectories(mountPoint.resolve("var"));
                config.put("mysimbdp.var", var.toString());
            }
        } catch (IOException e) {
            mounted = false;
        }
        return config;
    }

    @Override
    public void stop() {
        if (mounted) {
            run("umount", "-l", mountPoint.toString());
            mounted = false;
        }
        super.stop();
    }

    static boolean run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
