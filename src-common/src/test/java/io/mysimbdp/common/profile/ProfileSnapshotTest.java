package io.mysimbdp.common.profile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProfileSnapshotTest {
    static Map<String, byte[]> docs(String... nameAndText) {
        Map<String, byte[]> m = new HashMap<>();
        for (int i = 0; i < nameAndText.length; i += 2) {
            m.put(nameAndText[i], nameAndText[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return m;
    }

    @Test
    void aBrokenProfileDisablesOnlyItsTenant() {
        ProfileSnapshot s = ProfileSnapshot.of(docs("a.yaml", "{}", "b.yaml", "constraints: [", "notes.txt", "x"));
        assertEquals(List.of("a"), List.copyOf(s.activeProfiles().keySet()));
        assertEquals(List.of("b"), List.copyOf(s.disabled().keySet()));
    }

    @Test
    void aTenantDefinedTwiceIsDisabled() {
        ProfileSnapshot s = ProfileSnapshot.of(docs("a.yaml", "{}", "constraints_a.json", "{\"file_types\":\"csv\"}"));
        assertTrue(s.active("a").isEmpty());
        assertTrue(s.disabled().get("a").message().contains("defined by 2 files"));
    }

    @Test
    void changesAreOnboardUpdateDisableOffboard() {
        ProfileSnapshot s0 = ProfileSnapshot.EMPTY;
        ProfileSnapshot s1 = ProfileSnapshot.of(docs("a.yaml", "{}", "b.yaml", "{}"));
        assertEquals(List.of(ProfileChange.Kind.ONBOARDED, ProfileChange.Kind.ONBOARDED),
                s1.changesSince(s0).stream().map(ProfileChange::kind).toList());
        ProfileSnapshot s2 = ProfileSnapshot.of(docs("a.yaml", "priority: 3", "b.yaml", "{}"));
        assertEquals(List.of(new ProfileChange.Kind[]{ProfileChange.Kind.UPDATED}),
                s2.changesSince(s1).stream().map(ProfileChange::kind).toList());
        ProfileSnapshot s3 = ProfileSnapshot.of(docs("a.yaml", "priority: x", "b.yaml", "{}"));
        var disabled = s3.changesSince(s2);
        assertEquals(ProfileChange.Kind.DISABLED, disabled.get(0).kind());
        assertTrue(disabled.get(0).describe().contains("field 'priority'"), disabled.get(0).describe());
        assertEquals(List.of(), s3.changesSince(s3));
        ProfileSnapshot s4 = ProfileSnapshot.of(docs("a.yaml", "priority: 3"));
        assertEquals(List.of(ProfileChange.Kind.ONBOARDED, ProfileChange.Kind.OFFBOARDED),
                s4.changesSince(s3).stream().map(ProfileChange::kind).toList());
    }

    @Test
    void theDirectoryIsFollowedLive(@TempDir Path dir) throws Exception {
        List<ProfileChange> seen = new CopyOnWriteArrayList<>();
        Files.writeString(dir.resolve("tenant1.yaml"), "{}");
        try (ProfileDirectory source = new ProfileDirectory(dir, Duration.ofMillis(100), seen::addAll)) {
            source.start();
            assertTrue(source.current().active("tenant1").isPresent());
            Files.writeString(dir.resolve("tenant3.yaml"), "constraints: {maxStagedFiles: 3}");
            await(() -> source.current().active("tenant3").map(p -> p.constraints().maxStagedFiles() == 3).orElse(false));
            Files.writeString(dir.resolve("tenant3.yaml"), "constraints: {maxStagedFiles: -3}");
            await(() -> source.current().disabled().containsKey("tenant3"));
            assertTrue(source.current().active("tenant1").isPresent(), "other tenants keep running");
            Files.delete(dir.resolve("tenant3.yaml"));
            await(() -> !source.current().byTenant().containsKey("tenant3"));
            // written aside and moved in, as editors and kubectl do, so no half-written state is seen
            Files.write(dir.resolve(".big.tmp"), new byte[(int) ProfileSnapshot.MAX_PROFILE_BYTES + 1]);
            Files.move(dir.resolve(".big.tmp"), dir.resolve("big.yaml"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            await(() -> source.current().disabled().containsKey("big"));
        }
        assertEquals(List.of(ProfileChange.Kind.ONBOARDED, ProfileChange.Kind.ONBOARDED, ProfileChange.Kind.DISABLED,
                ProfileChange.Kind.OFFBOARDED, ProfileChange.Kind.DISABLED), seen.stream().map(ProfileChange::kind).toList());
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(20);
        }
    }
}
