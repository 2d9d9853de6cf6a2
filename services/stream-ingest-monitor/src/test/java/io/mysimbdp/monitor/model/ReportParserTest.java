package io.mysimbdp.monitor.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mysimbdp.common.contract.StreamReportFields;
import io.mysimbdp.common.json.Json;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportParserTest {
    static final ReportTopic ACME = new ReportTopic("acme", "orders");
    static final int MAX = 65536;

    static final String FULL = """
            {"tenant_name": "acme", "topic": "orders", "instance_id": "stream-acme-orders-1",
             "timestamp": "2030-01-01T00:00:05.250Z", "predefined_time": 10, "ingestion_type": "streaming",
             "messages": 1000, "failed_messages": 3, "total_messages": 50000, "total_failed_messages": 40,
             "ingestion_time": 2.5, "avg_ingestion_time": 0.0025, "data_size": 204800, "total_data_size": 9000000,
             "ingestion_rate": 20480.0, "qps": 100.0, "consumer_lag": 1234, "assigned_partitions": 2,
             "some_extra_field": {"apps": "may add fields"}}
            """;

    static String reason(String payload) {
        ReportParser.Result r = ReportParser.parse(ACME, payload, MAX);
        return assertInstanceOf(ReportParser.Refused.class, r).reason();
    }

    /** Readers are lenient and the schema (StreamReportFields) says what is required: exactly those fields refuse a report. */
    @Test
    void exactlyTheSchemasRequiredFieldsAreRequired() throws Exception {
        for (String field : StreamReportFields.ALL) {
            ObjectNode tree = (ObjectNode) Json.json().readTree(FULL);
            tree.remove(field);
            ReportParser.Result r = ReportParser.parse(ACME, Json.json().writeValueAsString(tree), MAX);
            if (StreamReportFields.REQUIRED.contains(field)) {
                assertEquals("field '" + field + "' is missing", assertInstanceOf(ReportParser.Refused.class, r).reason());
            } else {
                assertInstanceOf(ReportParser.Parsed.class, r, field + " is optional");
            }
        }
    }

    @Test
    void readsEveryContractFieldAndToleratesExtraOnes() {
        StreamReport r = assertInstanceOf(ReportParser.Parsed.class, ReportParser.parse(ACME, FULL, MAX)).report();
        assertEquals("acme", r.tenantName());
        assertEquals("orders", r.topic());
        assertEquals("stream-acme-orders-1", r.instanceId());
        assertEquals(Instant.parse("2030-01-01T00:00:05.250Z"), r.timestamp());
        assertEquals(10, r.predefinedTime());
        assertEquals(1000, r.messages());
        assertEquals(3, r.failedMessages());
        assertEquals(50000, r.totalMessages());
        assertEquals(2.5, r.ingestionTime());
        assertEquals(204800, r.dataSize());
        assertEquals(100.0, r.qps());
        assertEquals(1234, r.consumerLag());
        assertEquals(2, r.assignedPartitions());
    }

    @Test
    void storeUnreachableSinceIsReadLenientlyAndNeverRefusesAReport() {
        StreamReport r = assertInstanceOf(ReportParser.Parsed.class, ReportParser.parse(ACME,
                FULL.replace("\"assigned_partitions\": 2,", "\"assigned_partitions\": 2, \"store_unreachable_since\": \"2030-01-01T00:00:01.125Z\","),
                MAX)).report();
        assertEquals(Instant.parse("2030-01-01T00:00:01.125Z"), r.storeUnreachableSince());
        assertEquals(null, assertInstanceOf(ReportParser.Parsed.class, ReportParser.parse(ACME, FULL, MAX)).report().storeUnreachableSince());
        for (String odd : new String[] {"\"yesterday\"", "42", "null"}) {
            StreamReport read = assertInstanceOf(ReportParser.Parsed.class, ReportParser.parse(ACME,
                    FULL.replace("\"assigned_partitions\": 2,", "\"assigned_partitions\": 2, \"store_unreachable_since\": " + odd + ","),
                    MAX), odd).report();
            assertEquals(null, read.storeUnreachableSince(), odd);
        }
    }

    @Test
    void theMinimalReportNeedsWhoWhenMessagesAndLag() {
        String minimal = "{\"tenant_name\":\"acme\",\"instance_id\":\"i-1\",\"timestamp\":\"2030-01-01T01:00:00+01:00\","
                + "\"messages\":0,\"consumer_lag\":0}";
        StreamReport r = assertInstanceOf(ReportParser.Parsed.class, ReportParser.parse(ACME, minimal, MAX)).report();
        assertEquals(Instant.parse("2030-01-01T00:00:00Z"), r.timestamp());
        assertEquals("orders", r.topic());
        assertEquals(0, r.failedMessages());
    }

    @Test
    void aPayloadClaimingAnotherTenantOrTopicIsRefused() {
        assertTrue(reason(FULL.replace("\"tenant_name\": \"acme\"", "\"tenant_name\": \"other\""))
                .contains("'other' does not own topic acme.orders.report"));
        assertTrue(reason(FULL.replace("\"topic\": \"orders\"", "\"topic\": \"payments\"")).contains("field 'topic'"));
    }

    @Test
    void malformedReportsAreRefusedWithTheFieldNamed() {
        assertEquals("empty payload", reason(null));
        assertEquals("empty payload", reason("  "));
        assertTrue(reason("{not json").startsWith("not JSON"));
        assertEquals("not a JSON object", reason("[1, 2]"));
        assertEquals("field 'instance_id' is missing", reason(FULL.replace("\"instance_id\"", "\"instance\"")));
        assertEquals("field 'consumer_lag' is missing", reason(FULL.replace("\"consumer_lag\"", "\"lag\"")));
        assertTrue(reason(FULL.replace("\"messages\": 1000", "\"messages\": -1")).contains("field 'messages'"));
        assertTrue(reason(FULL.replace("\"messages\": 1000", "\"messages\": \"many\"")).contains("field 'messages'"));
        assertTrue(reason(FULL.replace("\"qps\": 100.0", "\"qps\": -3")).contains("field 'qps'"));
        assertTrue(reason(FULL.replace("2030-01-01T00:00:05.250Z", "yesterday")).contains("field 'timestamp'"));
        assertTrue(reason(FULL.replace("stream-acme-orders-1", "bad id\\n")).contains("field 'instance_id'"));
        assertTrue(reason(FULL.replace("\"failed_messages\": 3", "\"failed_messages\": 1001")).contains("field 'failed_messages'"));
        assertTrue(reason(FULL.replace("\"streaming\"", "\"batch\"")).contains("field 'ingestion_type'"));
    }

    @Test
    void oversizedPayloadsAreRefusedUnread() {
        assertTrue(ReportParser.parse(ACME, FULL, 100) instanceof ReportParser.Refused r && r.reason().contains("larger than 100"));
    }

    @Test
    void onlyWellFormedReportTopicNamesNameATenantTopic() {
        assertEquals(Optional.of(ACME), ReportTopic.parse("acme.orders.report"));
        assertEquals(Optional.of(new ReportTopic("t-1", "my_topic")), ReportTopic.parse("t-1.my_topic.report"));
        assertTrue(ReportTopic.parse("acme.orders.alert").isEmpty());
        assertTrue(ReportTopic.parse("orders.report").isEmpty());
        assertTrue(ReportTopic.parse("acme.orders.x.report").isEmpty());
        assertTrue(ReportTopic.parse("Acme.orders.report").isEmpty());
        assertTrue(ReportTopic.parse("acme..report").isEmpty());
        assertTrue(ReportTopic.parse(null).isEmpty());
        assertEquals("acme.orders.alert", ACME.alertTopic());
    }
}
