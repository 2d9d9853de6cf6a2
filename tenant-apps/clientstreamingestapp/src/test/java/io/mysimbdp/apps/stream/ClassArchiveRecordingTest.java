package io.mysimbdp.apps.stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

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
    void withoutTheLaunchersPropertyNothingIsRecorded() {
        System.clearProperty(ClassArchiveRecording.RECORD_PROPERTY);
        assertNull(ClassArchiveRecording.requested());
    }
}
