FROM python:3.11-slim-bookworm

# CJK fonts and Pango for the PDF notices (WeasyPrint).
RUN apt-get update \
    && apt-get install -y --no-install-recommends fonts-noto-cjk libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
    && rm -rf /var/lib/apt/lists/*

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
COPY pyproject.toml ./
COPY . .
# collectstatic runs as production does (DEBUG off), so that the manifest of hashed names the
# pages link to is written; the key and host exist only for this step.
RUN pip install --no-cache-dir . \
    && python scripts/compile_messages.py \
    && DEBUG=off SECRET_KEY=collectstatic-only-not-a-secret ALLOWED_HOSTS=localhost \
       python manage.py collectstatic --noinput -v0

EXPOSE 8000
CMD ["gunicorn", "supervision.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]
