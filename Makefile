# mysimbdp — a thin layer over Maven and the scripts in local/.
# `make run` starts the whole platform on the embedded stack; `make test` runs every test.

MVN ?= mvn
MVN_FLAGS ?= -B -ntp
JARS := local/embedded-stack/target/embedded-stack.jar \
        tenant-apps/clientbatchingestapp/target/clientbatchingestapp.jar \
        tools/mysimbdp-cli/target/mysimbdp-cli.jar \
        services/batch-ingest-manager/target/quarkus-app/quarkus-run.jar

.PHONY: help build run stop status test clean

help:
	@echo "make run     build what is missing, start Kafka, the store and the services (state in var/)"
	@echo "make stop    stop what make run started"
	@echo "make status  show what is running"
	@echo "make test    run every test (unit, integration, end to end)"
	@echo "make build   build all modules (no tests)"
	@echo "make clean   remove build output (var/ is kept; remove it yourself to start afresh)"

# Built only when a jar is missing; `make build` rebuilds after you change code.
$(JARS):
	$(MVN) $(MVN_FLAGS) -DskipTests install

build:
	$(MVN) $(MVN_FLAGS) -DskipTests install

run: $(JARS)
	@local/run.sh

stop:
	@local/stop.sh

status:
	@local/status.sh

test:
	$(MVN) $(MVN_FLAGS) verify

clean:
	$(MVN) $(MVN_FLAGS) -q clean
