# syntax=docker/dockerfile:1
# Build stage: the same Maven command CI and the README use.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
COPY conf conf
COPY src src
RUN mvn -B -DskipTests package

# Runtime stage: a slim JRE, a non-root user, state in a volume.
FROM eclipse-temurin:17-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*
RUN groupadd --system bot && useradd --system --gid bot --home-dir /app bot
WORKDIR /app
COPY --from=build /src/target/discord-llm-bot.jar /app/discord-llm-bot.jar
COPY conf /app/conf
RUN mkdir -p /app/data && chown -R bot:bot /app
USER bot
ENV BOT_DATA_DIR=/app/data OPS_HOST=0.0.0.0 OPS_PORT=9102
VOLUME ["/app/data"]
EXPOSE 9102
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s --retries=3 \
  CMD curl -fsS http://127.0.0.1:9102/health || exit 1
ENTRYPOINT ["java", "-XX:+UseContainerSupport", "-XX:MaxRAMPercentage=70", "-jar", "/app/discord-llm-bot.jar"]
