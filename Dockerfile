# Builds the service from source and runs it on a JRE. Used by docker-compose.yml.
FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
COPY events-schema/pom.xml events-schema/
COPY test-support/pom.xml test-support/
COPY event-store/pom.xml event-store/
COPY command-side/pom.xml command-side/
COPY query-side/pom.xml query-side/
COPY audit/pom.xml audit/
COPY console/pom.xml console/
COPY api/pom.xml api/
COPY load-test/pom.xml load-test/
# A cache layer of the dependencies: every module's pom (ContainerConfigurationTest keeps the list complete), so
# go-offline resolves everything but the modules themselves, and a failure here is a real one.
RUN ./mvnw -B -q dependency:go-offline -DexcludeReactor=true
COPY . .
RUN ./mvnw -B -q package -DskipTests

FROM eclipse-temurin:21-jre
# A system user without a login, uid and gid 10001 as in the Jib image (api/pom.xml); the application files belong to
# root, so the service cannot change them.
RUN groupadd --system --gid 10001 ledger \
    && useradd --system --uid 10001 --gid ledger --no-create-home ledger \
    && mkdir -p /app/data && chown ledger:ledger /app/data
WORKDIR /app
COPY --from=build /src/api/target/stock-ledger.jar /app/stock-ledger.jar
USER ledger
# The heap is three quarters of the container's memory limit, all of it from the start, kept and touched at start
# (run the image with a limit: docs/deployment.md, "Memory"). Without DATABASE_URL the service runs the embedded
# PostgreSQL with its data (and its generated JWT secret) in /app/data, writable by the service alone; mount a volume
# there to keep it.
ENV AXONIQ_UPDATE_CHECKER_DISABLED=true \
    LEDGER_DATA_DIR=/app/data/postgres \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:InitialRAMPercentage=75 -XX:MaxHeapFreeRatio=100 -XX:+AlwaysPreTouch -Daxoniq.update-checker.disabled=true"
VOLUME /app/data
EXPOSE 8080 8081
# Healthy when actuator's readiness answers 200 (database and read models UP; 503 otherwise); the JRE image has
# bash but no curl.
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=30 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${MANAGEMENT_SERVER_PORT:-8081} && printf 'GET /actuator/health/readiness HTTP/1.0\\r\\n\\r\\n' >&3 && grep -q '^HTTP/1.[01] 200' <&3"]
ENTRYPOINT ["java", "-jar", "/app/stock-ledger.jar"]
