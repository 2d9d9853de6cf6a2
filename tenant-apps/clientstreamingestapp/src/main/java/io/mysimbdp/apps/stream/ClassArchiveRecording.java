package io.mysimbdp.apps.stream;

import org.jboss.logging.Logger;

import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The class archive the launcher asked this instance to record (bin/clientstreamingestapp, "AppCDS"):
 * the JVM runs with {@code -XX:+RecordDynamicDumpInfo} and
 * {@code -Dclientstreamingestapp.appcds.record=<file>}, and the app has it write the classes loaded so
 * far ({@code VM.cds dynamic_dump}) once it has run a while, or when it stops if that comes first. Not
 * at exit only: the first instance started is often one that runs for days (a tenant's busy topic),
 * and a sleeping topic's wake-ups would wait that long for the archive. The file appears under its
 * name only when complete (written beside it, then renamed), which is what the launcher looks for.
 * JDK 17 leaves out of such a dump every class that is loaded but not yet linked (1,073 of ~6,500 in
 * a trial: supertypes and signatures seen, not yet used), which the exit-time dump links first; so the
 * loaded classes are linked here first ({@link #linkLoaded}), without initialising any.
 * A failure only logs: the next instances then start without an archive, as before.
 */
final class ClassArchiveRecording {
    static final String RECORD_PROPERTY = "clientstreamingestapp.appcds.record";
    static final String AFTER_PROPERTY = "clientstreamingestapp.appcds.after-seconds";
    /** Long enough for the group join, a fetch, a write and a report; short against a wake-up's idle time. */
    static final Duration DEFAULT_AFTER = Duration.ofSeconds(20);
    private static final Logger LOG = Logger.getLogger(ClassArchiveRecording.class);

    private final Path target;
    private final AtomicBoolean done = new AtomicBoolean();

    ClassArchiveRecording(Path target) {
        this.target = target;
    }

    /** The recording the launcher asked for, or null. */
    static ClassArchiveRecording requested() {
        String file = System.getProperty(RECORD_PROPERTY);
        return file == null || file.isBlank() ? null : new ClassArchiveRecording(Path.of(file));
    }

    /** Records after {@code after} on a daemon thread (unless {@link #now} came first). */
    void after(Duration after) {
        Thread thread = new Thread(() -> {
            try {
                Thread.sleep(after.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            now();
        }, "class-archive");
        thread.setDaemon(true);
        thread.start();
    }

    /** How long to wait before recording: the system property's seconds, else {@link #DEFAULT_AFTER}. Pure. */
    static Duration delay(String seconds) {
        if (seconds == null || seconds.isBlank()) {
            return DEFAULT_AFTER;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(seconds.trim())));
        } catch (NumberFormatException e) {
            return DEFAULT_AFTER;
        }
    }

    private static final ObjectName DIAGNOSTIC_COMMANDS = diagnosticCommands();
    private static final int LINK_PASSES = 6;

    private static ObjectName diagnosticCommands() {
        try {
            return new ObjectName("com.sun.management:type=DiagnosticCommand");
        } catch (javax.management.MalformedObjectNameException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The classes named in {@code VM.class_hierarchy}'s answer, e.g. {@code |  |--org.bson.Document/0x00007f3a3010b220}
     * or {@code |--java.lang.String/null} (the boot loader's); hidden classes (a second {@code /}) are
     * left out. Pure.
     */
    static Set<String> loadedClassNames(String hierarchy) {
        Set<String> names = new LinkedHashSet<>();
        for (String line : hierarchy.split("\n")) {
            String entry = line.replaceFirst("^[|\\s-]*", "").trim();
            int slash = entry.indexOf('/');
            if (slash <= 0 || entry.indexOf('/', slash + 1) >= 0) {
                continue;
            }
            names.add(entry.substring(0, slash));
        }
        return names;
    }

    /**
     * Links the loaded classes the dump would leave out: asking for a class's declared constructors (an
     * interface's fields) links it (HotSpot links before it answers) without initialising it. Linking loads the
     * constructors' parameter types, so a few passes. Returns how many classes were asked.
     */
    static int linkLoaded() throws Exception {
        ClassLoader loader = ClassLoader.getSystemClassLoader();
        Set<String> linked = new java.util.HashSet<>();
        for (int pass = 0; pass < LINK_PASSES; pass++) {
            String hierarchy = String.valueOf(ManagementFactory.getPlatformMBeanServer().invoke(DIAGNOSTIC_COMMANDS,
                    "vmClassHierarchy", new Object[]{new String[0]}, new String[]{String[].class.getName()}));
            int before = linked.size();
            for (String name : loadedClassNames(hierarchy)) {
                if (!linked.add(name)) {
                    continue;
                }
                try {
                    Class<?> loaded = Class.forName(name, false, loader);
                    if (loaded.isInterface()) {
                        loaded.getDeclaredFields();   // Class answers an interface's constructors without asking HotSpot
                    } else {
                        loaded.getDeclaredConstructors();
                    }
                } catch (Throwable e) {   // NOPMD: another loader's class, or one that cannot link: the dump leaves it out
                    // nothing to do
                }
            }
            if (linked.size() == before) {
                break;
            }
        }
        return linked.size();
    }

    /**
     * This JVM's memory and VM flags for the check, without the recording's own ({@code -XX:+RecordDynamicDumpInfo},
     * the system properties) or another archive's: an archive is usable only under compatible flags
     * (compressed pointers follow the heap size). Pure.
     */
    static List<String> checkFlags(List<String> inputArguments) {
        List<String> flags = new ArrayList<>();
        for (String argument : inputArguments) {
            if (argument.startsWith("-X") && !argument.contains("RecordDynamicDumpInfo") && !argument.contains("SharedArchiveFile")
                    && !argument.contains("ArchiveClassesAtExit") && !argument.startsWith("-Xshare") && !argument.startsWith("-Xlog")) {
                flags.add(argument);
            }
        }
        return flags;
    }

    /**
     * Maps the archive in a JVM started as the next instances will be ({@code -Xshare:on}, which refuses
     * an archive it cannot use instead of starting without it): here, while this instance runs, not in
     * the launcher on a woken topic's path. Null when usable, else why not.
     */
    private static String check(Path archive) throws java.io.IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(checkFlags(ManagementFactory.getRuntimeMXBean().getInputArguments()));
        command.addAll(List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:on", "-Xlog:cds=off", "-Xlog:cds+dynamic=off",
                "-cp", System.getProperty("java.class.path"), "-version"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        int code = process.waitFor();
        return code == 0 ? null : "exit code " + code + ": " + output.replace('\n', ' ').trim();
    }

    /** Writes the archive once; true when it is in place. */
    boolean now() {
        if (!done.compareAndSet(false, true)) {
            return Files.exists(target);
        }
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        long start = System.nanoTime();
        try {
            int classes = linkLoaded();
            Object answer = ManagementFactory.getPlatformMBeanServer().invoke(DIAGNOSTIC_COMMANDS, "vmCds",
                    new Object[]{new String[]{"dynamic_dump", partial.toString()}}, new String[]{String[].class.getName()});
            if (!Files.exists(partial)) {
                LOG.infof("class archive not recorded: %s", String.valueOf(answer).replace('\n', ' ').trim());
                return false;
            }
            String refused = check(partial);
            if (refused != null) {
                Files.deleteIfExists(partial);
                LOG.infof("class archive recorded but not usable, deleted: %s", refused);
                return false;
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            LOG.infof("class archive recorded in %d ms (%d loaded classes linked first): %s", (System.nanoTime() - start) / 1_000_000,
                    classes, target);
            return true;
        } catch (Exception e) {
            LOG.infof("class archive not recorded: %s", LogText.oneLine(e));
            try {
                Files.deleteIfExists(partial);
            } catch (java.io.IOException ignored) {
                // the launcher deletes recordings it cannot use
            }
            return false;
        }
    }
}
