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
COPY api/pom.xml api/
COPY load-test/pom.xml load-test/
RUN ./mvnw -B -q dependency:go-offline -DexcludeReactor=true || true
COPY . .
RUN ./mvnw -B -q package -DskipTests

FROM eclipse-temurin:21-jre
RUN useradd --system --uid 10001 ledger
WORKDIR /app
COPY --from=build /src/api/target/stock-ledger.jar /app/stock-ledger.jar
USER ledger
ENV AXONIQ_UPDATE_CHECKER_DISABLED=true \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -Daxoniq.update-checker.disabled=true"
EXPOSE 8080 8081
ENTRYPOINT ["java", "-jar", "/app/stock-ledger.jar"]
