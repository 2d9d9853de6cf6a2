package io.mysimbdp.common.profile;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The profile check reads {@code config.fields} as the wrangler does and names the bad key. */
class DeclaredFieldsProfileTest {

    @Test
    void acceptsDeclaredFormatsInBatchAndStreamConfigs() {
        ProfileParserTest.valid("oslo.yaml", """
                batch:
                  apps:
                    - name: listings
                      command: [app]
                      config:
                        fields:
                          id: {type: long, format: integral-decimal}
                          price: {type: decimal, format: currency, locale: en-US}
                          host_is_superhost: {type: boolean, trueValues: [t], falseValues: [f]}
                          last_review: {type: date, pattern: M/d/yy}
                          host_verifications: {type: array, format: list-literal}
                          latitude: double
                stream:
                  topics: [{name: listings}]
                  app:
                    command: [app]
                    config:
                      fields: {price: {type: double, format: percent, missing: [N/A]}}
                """);
    }

    @Test
    void aBatchAppsBadFormatIsNamedByItsPath() {
        ProfileError e = ProfileParserTest.onlyError("oslo.yaml", """
                batch:
                  apps:
                    - name: listings
                      command: [app]
                      config:
                        fields:
                          price: {type: decimal, format: currency}
                """);
        assertEquals("batch.apps[0].config.fields.price.locale", e.field());
        assertTrue(e.problem().startsWith("is required with format currency"), e.problem());
    }

    @Test
    void aStreamAppsBadPatternIsNamedByItsPath() {
        ProfileError e = ProfileParserTest.onlyError("oslo.yaml", """
                stream:
                  topics: [{name: listings}]
                  app:
                    command: [app]
                    config:
                      fields: {last_review: {type: date, pattern: "M/yy"}}
                """);
        assertEquals("stream.app.config.fields.last_review.pattern", e.field());
        assertTrue(e.problem().contains("does not read back a whole date"), e.problem());
    }
}
