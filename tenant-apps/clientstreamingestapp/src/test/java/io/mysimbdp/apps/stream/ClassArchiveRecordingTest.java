package io.mysimbdp.apps.stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The recording the launcher asks for. The test JVM runs without -XX:+RecordDynamicDumpInfo, so the
 * dump is refused: nothing may be left under the archive's name (the launcher would take a partial
 * file for a finished one). ColdStartIT checks that a launched app's recording is used.
 */
class ClassArchiveRecordingTest {
    @TempDir
    Path dir;

    @Test
    void theDelayIsTheGivenSecondsOrTheDefault() {
        assertEquals(Duration.ofSeconds(5), ClassArchiveRecording.delay("5"));
        assertEquals(Duration.ZERO, ClassArchiveRecording.delay("-3"));
        assertEquals(ClassArchiveRecording.DEFAULT_AFTER, ClassArchiveRecording.delay(null));
        assertEquals(ClassArchiveRecording.DEFAULT_AFTER, ClassArchiveRecording.delay("soon"));
    }

    @Test
    void aRefusedDumpLeavesNoFileUnderTheArchivesName() throws Exception {
        Path target = dir.resolve("classes.jsa.rec.42");
        ClassArchiveRecording recording = new ClassArchiveRecording(target);

        assertFalse(recording.now());
        assertFalse(recording.now(), "once only");
        assertFalse(Files.exists(target));
        assertFalse(Files.exists(dir.resolve("classes.jsa.rec.42.partial")));
    }

    @Test
    void theClassesToLinkAreTheLoadedOnesWithoutHiddenOnes() {
        String hierarchy = String.join("\n",
                "java.lang.Object/null",
                "|--java.lang.String/null",
                "|--org.bson.Document/0x00007f3a3010b220",
                "|  |--io.mysimbdp.apps.stream.StreamIngestor/0x00007f3a3010b220",
                "|  |  |--io.mysimbdp.apps.stream.StreamIngestor$1/0x00007f3a3010b220",
                "|--java.lang.invoke.LambdaForm$MH/0x00007f754c008000/null",
                "|--io.mysimbdp.apps.stream.Foo$$Lambda$14/0x0000000800c0a000/0x00007f3a3010b220",
                "");

        assertEquals(java.util.List.of("java.lang.Object", "java.lang.String", "org.bson.Document", "io.mysimbdp.apps.stream.StreamIngestor",
                "io.mysimbdp.apps.stream.StreamIngestor$1"), java.util.List.copyOf(ClassArchiveRecording.loadedClassNames(hierarchy)));
    }

    @Test
    void linkingTheLoadedClassesInitialisesNone() throws Exception {
        Class<?> loaded = NeverInitialised.class;   // loaded, not initialised

        assertTrue(ClassArchiveRecording.linkLoaded() > 0);
        assertEquals("NeverInitialised", loaded.getSimpleName());
        assertFalse(INITIALISED.get(), "linking initialised a class");
    }

    private static final java.util.concurrent.atomic.AtomicBoolean INITIALISED = new java.util.concurrent.atomic.AtomicBoolean();

    /** Its initialiser would tell. */
    static final class NeverInitialised {
        static {
            INITIALISED.set(true);
        }

        private NeverInitialised() {
        }
    }

    @Test
    void theCheckRunsWithTheMemoryAndVmFlagsButNotTheRecordingsOwn() {
        assertEquals(java.util.List.of("-Xmx256m", "-Xms256m", "-XX:+UseSerialGC", "-Xss512k"),
                ClassArchiveRecording.checkFlags(java.util.List.of("-Dfile.encoding=UTF-8", "-Xmx256m", "-Xms256m", "-XX:+UseSerialGC",
                        "-Xss512k", "-Xshare:auto", "-XX:+RecordDynamicDumpInfo", "-Dclientstreamingestapp.appcds.record=/x.jsa",
                        "-Xlog:cds=off", "-XX:SharedArchiveFile=/y.jsa")));
    }

    @Test
    void withoutTheLaunchersPropertyNothingIsRecorded() {
        System.clearProperty(ClassArchiveRecording.RECORD_PROPERTY);
        assertNull(ClassArchiveRecording.requested());
    }
}
