package io.mysimbdp.batch.model;

import io.mysimbdp.common.crypto.EncryptingOutputStream;
import io.mysimbdp.common.crypto.TenantKey;
import io.mysimbdp.common.profile.TenantProfile;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;

import static io.mysimbdp.batch.model.AdmissionPolicyTest.profile;
import static io.mysimbdp.batch.model.AdmissionPolicyTest.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Encrypted files are admitted on their name and header only: the inner type, the magic, an accepted key id. */
class EncryptionAdmissionTest {
    static final TenantUsage IDLE = new TenantUsage(0, 0);
    static final String APPS = """
            batch:
              apps:
                - {name: prices, match: {pattern: "prices-*.csv"}}
                - {name: other, match: {fileTypes: [json]}}
            """;
    static final TenantProfile OPTIONAL = profile("constraints: {fileTypes: [csv, json]}\nencryption: {keyIds: [key1, key2]}\n" + APPS);
    static final TenantProfile REQUIRED = profile("constraints: {fileTypes: [csv, json]}\nencryption: {required: true, keyIds: [key2]}\n" + APPS);
    static final TenantProfile PLAIN_ONLY = profile("constraints: {fileTypes: [csv, json]}\n" + APPS);

    static byte[] encrypted(String keyId) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (EncryptingOutputStream enc = new EncryptingOutputStream(out, TenantKey.generate(keyId, new SecureRandom()))) {
            enc.write("id,price\n1,10.5\n".getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    static FileFacts facts(String name, byte[] content) {
        return FileFacts.of(name, content.length, Arrays.copyOf(content, Math.min(content.length, ContentSniffer.SNIFF_BYTES)),
                content.length <= ContentSniffer.SNIFF_BYTES);
    }

    @Test
    void theInnerTypeAndNameChooseTheAppOfAnEncryptedFile() throws IOException {
        assertEquals(new Verdict.Admitted("prices"), AdmissionPolicy.decide(OPTIONAL, facts("prices-1.csv.enc", encrypted("key1")), IDLE));
        assertEquals(new Verdict.Admitted("prices"), AdmissionPolicy.decide(OPTIONAL, facts("prices-2.csv.enc", encrypted("key2")), IDLE),
                "both key ids are valid at once");
        assertEquals(new Verdict.Admitted("prices"), AdmissionPolicy.decide(OPTIONAL, facts("prices-3.csv", "id\n1\n".getBytes()), IDLE),
                "plain files too unless encryption is required");
        var r = refused(AdmissionPolicy.decide(profile("constraints: {fileTypes: [json]}\nencryption: {keyIds: [key1]}"),
                facts("prices-1.csv.enc", encrypted("key1")), IDLE));
        assertEquals("file-type", r.rule());
        assertEquals("csv", r.actual());
    }

    @Test
    void aKeyIdTheProfileDoesNotAcceptIsRefused() throws IOException {
        var r = refused(AdmissionPolicy.decide(REQUIRED, facts("prices-1.csv.enc", encrypted("key1")), IDLE));
        assertEquals("encryption-key-id", r.rule());
        assertEquals(List.of("key2"), r.limit());
        assertEquals("key1", r.actual());
        assertEquals("'prices-1.csv.enc' is encrypted with key id 'key1', which tenant 'tenant1' does not accept (accepted: key2)", r.message());
    }

    @Test
    void aPlainFileIsRefusedWhenEncryptionIsRequired() {
        var r = refused(AdmissionPolicy.decide(REQUIRED, facts("prices-1.csv", "id\n1\n".getBytes()), IDLE));
        assertEquals("encryption-required", r.rule());
        assertTrue(r.message().contains("stage it as 'prices-1.csv.enc'"), r.message());
    }

    @Test
    void encryptedFilesAreRefusedWithoutTheSection() throws IOException {
        var r = refused(AdmissionPolicy.decide(PLAIN_ONLY, facts("prices-1.csv.enc", encrypted("key1")), IDLE));
        assertEquals("encryption", r.rule());
        assertEquals("tenant 'tenant1' does not accept encrypted files (its profile has no encryption section)", r.message());
    }

    @Test
    void theHeaderIsSniffedNotTrusted() throws IOException {
        var plainNamedEnc = refused(AdmissionPolicy.decide(OPTIONAL, facts("prices-1.csv.enc", "id,price\n1,2\n".getBytes()), IDLE));
        assertEquals("content-type", plainNamedEnc.rule());
        assertTrue(plainNamedEnc.message().contains("does not start with the mysimbdp encryption header"), plainNamedEnc.message());

        var encNamedCsv = refused(AdmissionPolicy.decide(OPTIONAL, facts("prices-1.csv", encrypted("key1")), IDLE));
        assertEquals("content-type", encNamedCsv.rule());
        assertTrue(encNamedCsv.message().contains("look encrypted (name an encrypted file <name>.<type>.enc)"), encNamedCsv.message());

        byte[] damaged = encrypted("key1");
        damaged[40] ^= 0x01;
        var r = refused(AdmissionPolicy.decide(OPTIONAL, facts("prices-1.csv.enc", damaged), IDLE));
        assertEquals("encryption-header", r.rule());
        assertEquals("header_corrupt", r.actual());
        assertTrue(r.message().startsWith("'prices-1.csv.enc': the encrypted file's header is damaged"), r.message());

        var cut = refused(AdmissionPolicy.decide(OPTIONAL, facts("prices-1.csv.enc", Arrays.copyOf(encrypted("key1"), 20)), IDLE));
        assertEquals("encryption-header", cut.rule());
        assertEquals("truncated_header", cut.actual());
    }
}
