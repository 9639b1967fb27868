# The loader and API image used by docker-compose.yml. Neo4j runs in its own official image.
FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md versions.env ./
COPY actorgraph actorgraph
COPY loader loader
COPY api api
COPY cypher cypher
COPY browser browser
COPY data data
# Editable, so that the package finds cypher/, browser/ and data/ beside it in /app.
RUN pip install --no-cache-dir -e .
ENV ACTORGRAPH_DATA=/app/data
