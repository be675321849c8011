#!/usr/bin/env bash
# Offline checks of deploy/ (no Docker engine, no Kubernetes cluster needed):
# - compose/compose.yaml through Debian's docker-compose 1.29 (`config`: its Compose-spec schema, references between
#   services, variable interpolation). That schema predates the top-level `name:` key, so the check reads the file
#   without that one line.
# - kubernetes/*.yaml: every object against the Kubernetes API schemas shipped by the npm package kubernetes-models
#   (check/package-lock.json), validated with ajv.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

if ! command -v docker-compose >/dev/null; then
  apt-get install -y --no-install-recommends docker-compose >/dev/null
fi
unnamed="$(mktemp --suffix=.yaml)"
trap 'rm -f "$unnamed"' EXIT
sed '/^name:/d' "$here/compose/compose.yaml" >"$unnamed"
POSTGRES_PASSWORD=check ADMIN_PASSWORD=check THUISMONITORING_SIGNING_KEY=check \
  docker-compose -f "$unnamed" --project-directory "$here/compose" config -q
echo "ok   compose/compose.yaml (Compose schema of docker-compose $(docker-compose version --short))"

cd "$here/check"
npm ci --ignore-scripts --no-audit --no-fund >/dev/null
node kubernetes-schemas.mjs "$here"/kubernetes/*.yaml
