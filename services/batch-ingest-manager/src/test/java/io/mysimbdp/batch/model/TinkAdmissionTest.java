package io.mysimbdp.batch.model;

import com.google.crypto.tink.KeysetHandle;
import io.mysimbdp.common.crypto.TinkKeysets;
import io.mysimbdp.common.crypto.TinkStreamingFiles;
import io.mysimbdp.common.profile.TenantProfile;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.mysimbdp.batch.model.AdmissionPolicyTest.profile;
import static io.mysimbdp.batch.model.AdmissionPolicyTest.refused;
import static io.mysimbdp.batch.model.EncryptionAdmissionTest.APPS;
import static io.mysimbdp.batch.model.EncryptionAdmissionTest.IDLE;
import static io.mysimbdp.batch.model.EncryptionAdmissionTest.facts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A .tink file is admitted on its name and header-length byte; neither format is taken for the other. */
class TinkAdmissionTest {
    static final TenantProfile TINK = profile("constraints: {fileTypes: [csv, json]}\nencryption: {formats: [tink-streaming-aead]}\n" + APPS);
    static final TenantProfile BOTH = profile("constraints: {fileTypes: [csv, json]}\n"
            + "encryption: {required: true, formats: [mysimbdp-enc1, tink-streaming-aead], keyIds: [key1]}\n" + APPS);
    static final TenantProfile ENC1 = profile("constraints: {fileTypes: [csv, json]}\nencryption: {keyIds: [key1]}\n" + APPS);

    static byte[] tink(String plain) throws Exception {
        KeysetHandle keyset = TinkKeysets.generate("AES256_GCM_HKDF_4KB");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream enc = TinkStreamingFiles.encrypting(out, keyset, "tenant1")) {
            enc.write(plain.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    @Test
    void aTinkFileIsAdmittedByItsInnerTypeWhenTheProfileListsTheFormat() throws Exception {
        assertEquals(new Verdict.Admitted("prices"), AdmissionPolicy.decide(TINK, facts("prices-1.csv.tink", tink("id,price\n1,2.5\n")), IDLE));
        assertEquals(new Verdict.Admitted("prices"), AdmissionPolicy.decide(BOTH, facts("prices-1.csv.tink", tink("")), IDLE),
                "an empty plaintext is still a 56-byte file");
        assertEquals(new Verdict.Admitted("prices"), AdmissionPolicy.decide(BOTH, facts("prices-2.csv.enc", EncryptionAdmissionTest.encrypted("key1")), IDLE),
                "the old format stays accepted next to Tink");
        assertEquals(new Verdict.Admitted("other"), AdmissionPolicy.decide(TINK, facts("x.json.tink", tink("[{\"a\":1}]")), IDLE));
    }

    @Test
    void aFormatTheProfileDoesNotListIsRefused() throws Exception {
        var r = refused(AdmissionPolicy.decide(ENC1, facts("prices-1.csv.tink", tink("id\n1\n")), IDLE));
        assertEquals("encryption-format", r.rule());
        assertEquals(List.of("mysimbdp-enc1"), r.limit());
        assertEquals("'prices-1.csv.tink' is named as a tink-streaming-aead file (.tink), a format tenant 'tenant1' does not accept"
                + " (encryption.formats: mysimbdp-enc1)", r.message());
        var plain = refused(AdmissionPolicy.decide(BOTH, facts("prices-1.csv", "id\n1\n".getBytes()), IDLE));
        assertEquals("encryption-required", plain.rule());
        assertTrue(plain.message().endsWith("stage it as 'prices-1.csv.enc' or 'prices-1.csv.tink'"), plain.message());
    }

    @Test
    void theSnifferDoesNotTakeOneFormatForTheOther() throws Exception {
        var enc1AsTink = refused(AdmissionPolicy.decide(BOTH, facts("prices-1.csv.tink", EncryptionAdmissionTest.encrypted("key1")), IDLE));
        assertEquals("content-type", enc1AsTink.rule());
        assertTrue(enc1AsTink.message().contains("named as a Tink streaming AEAD file but its first bytes look encrypted (name an encrypted file <name>.<type>.enc)"),
                enc1AsTink.message());

        var tinkAsEnc1 = refused(AdmissionPolicy.decide(BOTH, facts("prices-1.csv.enc", tink("id\n1\n")), IDLE));
        assertEquals("content-type", tinkAsEnc1.rule());
        assertTrue(tinkAsEnc1.message().endsWith("(a file encrypted with Tink is named <name>.<type>.tink)"), tinkAsEnc1.message());

        var plainAsTink = refused(AdmissionPolicy.decide(TINK, facts("prices-1.csv.tink", "(id,price)\n1,2.5\n".repeat(10).getBytes()), IDLE));
        assertEquals("content-type", plainAsTink.rule(), "text starting with Tink's header-length byte '(' is still text");
        assertTrue(plainAsTink.message().contains("encrypt it with the tenant's Tink keyset"), plainAsTink.message());
    }

    @Test
    void aBinaryFileWithoutTinksHeaderOrTooShortIsRefusedAtTheHeader() throws Exception {
        byte[] file = tink("id\n1\n");
        file[0] = 24;   // an AES-128 header length
        var r = refused(AdmissionPolicy.decide(TINK, facts("prices-1.csv.tink", file), IDLE));
        assertEquals("encryption-header", r.rule());
        assertTrue(r.message().startsWith("'prices-1.csv.tink': not a Tink streaming AEAD file: its first byte is 24, but a Tink"
                + " AES256_GCM_HKDF streaming ciphertext starts with its header length 40"), r.message());

        byte[] cut = java.util.Arrays.copyOf(tink("id\n1\n"), 50);
        var shortFile = refused(AdmissionPolicy.decide(TINK, facts("prices-1.csv.tink", cut), IDLE));
        assertEquals("encryption-header", shortFile.rule());
        assertTrue(shortFile.message().contains("it has 50 bytes; a Tink streaming ciphertext has at least 56"), shortFile.message());
    }
}
