#!/usr/bin/env bash
# Create (idempotently) the Python virtual environment used by the sample
# notebooks and the notebook-execution helpers.
#
#   bash scripts/python-env.sh            # venv at <repo>/.venv
#   PYARCH_VENV=/tmp/v bash scripts/python-env.sh
#
# A relative PYARCH_VENV is taken relative to the repository root.
# The last line printed on stdout is the absolute venv path.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REQ_FILE="$REPO_ROOT/scripts/requirements-samples.txt"
PYTHON="${PYTHON:-python3}"

VENV="${PYARCH_VENV:-.venv}"
case "$VENV" in
  /*) ;;
  *) VENV="$REPO_ROOT/$VENV" ;;
esac

log() { echo "[python-env] $*" >&2; }

if ! command -v "$PYTHON" >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    log "python3 not found; installing it with apt-get"
    apt-get update -y >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y python3 >&2
  else
    log "error: $PYTHON not found"
    exit 1
  fi
fi

# Install python3-venv (Debian splits ensurepip out of python3) when needed.
ensure_venv_support() {
  if "$PYTHON" -c 'import ensurepip, venv' >/dev/null 2>&1; then
    return 0
  fi
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    local ver
    ver="$("$PYTHON" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')"
    log "venv/ensurepip missing; installing python3-venv with apt-get"
    apt-get update -y >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y python3-venv >&2 ||
      DEBIAN_FRONTEND=noninteractive apt-get install -y "python${ver}-venv" >&2
  else
    log "error: '$PYTHON -m venv' is unavailable; install python3-venv (needs root)"
    exit 1
  fi
}

venv_ok() {
  [ -x "$VENV/bin/python" ] && "$VENV/bin/python" -m pip --version >/dev/null 2>&1
}

if ! venv_ok; then
  ensure_venv_support
  if [ -e "$VENV" ]; then
    log "existing $VENV is broken; recreating it"
    rm -rf "$VENV"
  fi
  log "creating venv at $VENV"
  if ! "$PYTHON" -m venv "$VENV" >&2; then
    # A half-created venv (no pip) is what Debian leaves without python3-venv.
    rm -rf "$VENV"
    if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
      log "'$PYTHON -m venv' failed; installing python3-venv and retrying"
      apt-get update -y >&2
      DEBIAN_FRONTEND=noninteractive apt-get install -y python3-venv >&2
      "$PYTHON" -m venv "$VENV" >&2
    else
      log "error: '$PYTHON -m venv' failed; install python3-venv (needs root)"
      exit 1
    fi
  fi
fi

# Skip pip when the requirements file has not changed since the last install.
STAMP="$VENV/.pyarch-requirements.sha256"
REQ_HASH="$(sha256sum "$REQ_FILE" | cut -d' ' -f1)"
if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$REQ_HASH" ] &&
   "$VENV/bin/python" -c 'import pandas, numpy, sklearn, matplotlib, joblib, pytest, pyflakes, fastapi, httpx, nbclient, ipykernel, nbformat' >/dev/null 2>&1; then
  log "requirements already installed"
else
  log "installing requirements from $REQ_FILE"
  export PIP_DISABLE_PIP_VERSION_CHECK=1
  "$VENV/bin/python" -m pip install --quiet --upgrade pip >&2
  "$VENV/bin/python" -m pip install --quiet -r "$REQ_FILE" >&2
  # Register the venv's interpreter as the default "python3" kernel so that
  # nbclient executes notebooks with these packages.
  "$VENV/bin/python" -m ipykernel install --sys-prefix --name python3 \
    --display-name "Python 3 (ipykernel)" >/dev/null 2>&1 || true
  echo "$REQ_HASH" > "$STAMP"
fi

echo "$VENV"
