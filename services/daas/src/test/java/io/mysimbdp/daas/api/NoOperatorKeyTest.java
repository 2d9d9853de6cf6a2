package io.mysimbdp.daas.api;

import io.mysimbdp.daas.DaasTestEnvironment;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Locally, with no operator key configured, operator endpoints say how to set one; tenant keys still work. */
@QuarkusTest
@QuarkusTestResource(value = DaasTestEnvironment.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "operator-key", value = "none"))
class NoOperatorKeyTest {
    @Test
    void operatorEndpointsExplainHowToSetAKey() {
        given().get("/api/stats").then().statusCode(401)
                .body("error", containsString("MYSIMBDP_DAAS_OPERATOR_KEY_SHA256"))
                .body("error", containsString("echo -n secret | sha256sum"));
        given().header("Authorization", "Bearer " + DaasTestEnvironment.OPERATOR_KEY).get("/api/tenants/alpha/stats")
                .then().statusCode(401);
    }

    @Test
    void tenantKeysStillWork() {
        given().header("X-API-Key", DaasTestEnvironment.ALPHA_KEY).get("/api/tenants/alpha/stats").then().statusCode(200)
                .body("files.total", equalTo(10));
    }
}
