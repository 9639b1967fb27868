# The loader and API image used by docker-compose.yml. Neo4j runs in its own official image.
FROM python:3.11-slim
WORKDIR /build
COPY pyproject.toml README.md ./
COPY actorgraph actorgraph
COPY loader loader
COPY api api
COPY cypher cypher
# A plain install: the package reads its Cypher, style and pins as package data.
RUN pip install --no-cache-dir . && rm -rf /build
WORKDIR /app
COPY data data
ENV ACTORGRAPH_DATA=/app/data
