package io.mysimbdp.common.profile;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.mysimbdp.common.profile.ProfileParserTest.onlyError;
import static io.mysimbdp.common.profile.ProfileParserTest.parse;
import static io.mysimbdp.common.profile.ProfileParserTest.valid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The profile's {@code encryption} section (docs/tenant-profile.md). */
class EncryptionProfileTest {
    @Test
    void offUnlessTheProfileAsks() {
        assertNull(valid("t.yaml", "priority: 1").encryption());
    }

    @Test
    void readsRequiredAndSeveralKeyIds() {
        Encryption e = valid("t.yaml", "encryption: {required: true, keyIds: [key-2026-11, key-2026-12]}").encryption();
        assertTrue(e.required());
        assertEquals(List.of("key-2026-11", "key-2026-12"), e.keyIds());
        assertTrue(e.accepts("key-2026-11") && e.accepts("key-2026-12"));
        assertFalse(e.accepts("key-2026-10"));
        assertFalse(valid("t.yaml", "encryption: {keyIds: [k1]}").encryption().required(), "plain files stay accepted by default");
    }

    @Test
    void errorsNameTheField() {
        ProfileError none = onlyError("t.yaml", "encryption: {required: true}");
        assertEquals("encryption.keyIds", none.field());
        assertTrue(none.problem().startsWith("must list at least one key id"), none.problem());
        ProfileError bad = onlyError("t.yaml", "encryption: {keyIds: [ok, ../t2/k]}");
        assertEquals("encryption.keyIds[1]", bad.field());
        assertTrue(bad.problem().contains("letters, digits"), bad.problem());
        assertEquals("encryption.keyIds[1]", onlyError("t.yaml", "encryption: {keyIds: [k1, k1]}").field());
        assertEquals("encryption.required", onlyError("t.yaml", "encryption: {required: sometimes, keyIds: [k1]}").field());
    }

    @Test
    void encIsNotADataType() {
        ProfileError e = onlyError("t.yaml", "constraints: {fileTypes: [csv, enc]}");
        assertEquals("constraints.fileTypes[1]", e.field());
        assertTrue(e.problem().contains("a data.csv.enc is csv"), e.problem());
    }

    @Test
    void theExampleTenant2AcceptsEncryptedFilesWithTwoKeysForRotation() throws Exception {
        Path file = Path.of(System.getProperty("user.dir")).resolve("../config/tenants/tenant2.yaml").normalize();
        Encryption e = valid("tenant2.yaml", Files.readString(file)).encryption();
        assertFalse(e.required());
        assertEquals(2, e.keyIds().size());
        assertInstanceOf(ProfileResult.Valid.class, parse("tenant2.yaml", Files.readString(file)));
    }
}
