# Builds the service from source and runs it on a JRE. Used by docker-compose.yml.
FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
COPY events-schema/pom.xml events-schema/
COPY command-side/pom.xml command-side/
COPY query-side/pom.xml query-side/
COPY api/pom.xml api/
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
