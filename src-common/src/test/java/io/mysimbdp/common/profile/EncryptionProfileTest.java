package io.mysimbdp.common.profile;

import org.junit.jupiter.api.Test;

import io.mysimbdp.common.crypto.FileEncryption;

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
    void formatsDefaultToThePlatformsOwnAndMayAddTink() {
        Encryption old = valid("t.yaml", "encryption: {keyIds: [k1]}").encryption();
        assertEquals(List.of("mysimbdp-enc1"), old.formats(), "a profile written before formats existed keeps its meaning");
        assertTrue(old.accepts(FileEncryption.MYSIMBDP_ENC1));
        assertFalse(old.accepts(FileEncryption.TINK_STREAMING_AEAD));
        Encryption tinkOnly = valid("t.yaml", "encryption: {formats: [tink-streaming-aead]}").encryption();
        assertTrue(tinkOnly.accepts(FileEncryption.TINK_STREAMING_AEAD));
        assertFalse(tinkOnly.accepts(FileEncryption.MYSIMBDP_ENC1));
        assertEquals(List.of(), tinkOnly.keyIds(), "Tink files name no key id: the keyset is the tenant's");
    }

    @Test
    void formatErrorsNameTheField() {
        ProfileError unknown = onlyError("t.yaml", "encryption: {formats: [tink-streaming-aead, age]}");
        assertEquals("encryption.formats[1]", unknown.field());
        assertTrue(unknown.problem().contains("mysimbdp-enc1 for .enc files, tink-streaming-aead for .tink files"), unknown.problem());
        assertEquals("encryption.formats[1]", onlyError("t.yaml", "encryption: {formats: [tink-streaming-aead, tink-streaming-aead]}").field());
        assertEquals("encryption.formats", onlyError("t.yaml", "encryption: {formats: []}").field());
        assertEquals("encryption.keyIds", onlyError("t.yaml", "encryption: {formats: [mysimbdp-enc1, tink-streaming-aead]}").field(),
                "mysimbdp-enc1 files still need key ids");
        assertTrue(onlyError("t.yaml", "constraints: {fileTypes: [csv, tink]}").problem().contains("a data.csv.tink is csv"));
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
        assertTrue(e.accepts(FileEncryption.MYSIMBDP_ENC1) && e.accepts(FileEncryption.TINK_STREAMING_AEAD));
        assertInstanceOf(ProfileResult.Valid.class, parse("tenant2.yaml", Files.readString(file)));
    }
}
