# confbot: `confbot serve` behind HTTPS (a reverse proxy terminates TLS for the webhooks), or
# `confbot worker` (the notification dispatcher) from the same image.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DATABASE_URL=sqlite+aiosqlite:////app/var/confbot.db \
    HOST=0.0.0.0 \
    PORT=8080 \
    METRICS_PORT=9090

WORKDIR /app
# A Japanese font and cairo, for what the bot draws: the LINE rich menus and the QR cards
# (`confbot qr`, CairoSVG). IPA Gothic rather than Noto CJK: 4 MB instead of about 100.
# Debian's stable point releases change these versions; pinning them would break the build.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends fonts-ipafont-gothic libcairo2 \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --create-home --uid 10001 confbot

COPY pyproject.toml README.md alembic.ini ./
COPY bot ./bot
COPY handlers ./handlers
COPY db ./db
COPY migrations ./migrations
COPY locales ./locales
COPY content ./content

# Editable install: the catalogues, content and migrations are read from /app at run time.
RUN pip install --no-cache-dir -e . \
    && mkdir -p /app/var \
    && chown confbot:confbot /app/var

USER 10001
VOLUME ["/app/var"]
EXPOSE 8080 9090
# Both commands answer /readyz on METRICS_PORT (serve: started, not draining, database and
# dispatcher up; worker: dispatcher running, database up); the check loads only the settings.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-m", "bot.cli.health"]
CMD ["confbot", "serve"]
