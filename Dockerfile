FROM python:3.11-slim-bookworm
RUN apt-get update && apt-get install -y --no-install-recommends \
      libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core nodejs npm \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml package.json package-lock.json ./
RUN pip install --no-cache-dir . && npm ci --no-audit --no-fund
COPY . .
# The map's country outlines, cut from world-atlas (not kept in git).
RUN python -m clusters.mapping.outlines
ENV PYTHONUNBUFFERED=1 DJANGO_SETTINGS_MODULE=config.production
# Static files are part of the image; the throwaway key only satisfies the settings' check.
RUN SECRET_KEY="$(python -c 'import secrets; print(secrets.token_urlsafe(64))')" \
    python manage.py collectstatic --noinput
EXPOSE 8000
CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000"]
