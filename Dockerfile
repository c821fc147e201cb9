# syntax=docker/dockerfile:1
# The web image: gunicorn serving Django, static files collected at build time.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    STATIC_MANIFEST=1 \
    PORT=8000

WORKDIR /app

# Dependencies first, so code changes reuse this layer.
COPY requirements.txt .
RUN pip install -r requirements.txt

COPY . .

# collectstatic reads settings, which refuse to load without a key; this one never serves.
RUN SECRET_KEY=collectstatic-at-build-time python manage.py collectstatic --no-input

# The code stays owned by root: the app user can read it, not change it.
RUN useradd --system --no-create-home --shell /usr/sbin/nologin atlas
USER atlas

EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "docker/healthcheck.py"]
CMD ["gunicorn", "--config", "config/gunicorn.py", "config.wsgi"]
