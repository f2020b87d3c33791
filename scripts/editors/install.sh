#!/usr/bin/env bash
# Installs what the other-editor tests need (test/editors): Debian's Neovim (0.7.2 on bookworm),
# whose built-in LSP client drives the language server the way a Neovim user's does.
# Idempotent: apt only when something is missing (apt-get update only then).
set -euo pipefail
if command -v nvim >/dev/null 2>&1; then
  echo "[editors-install] nvim present: $(nvim --version | head -n 1)"
  exit 0
fi
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
echo "[editors-install] apt-get install neovim"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends neovim >/dev/null
echo "[editors-install] $(nvim --version | head -n 1)"
