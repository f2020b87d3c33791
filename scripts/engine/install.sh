#!/usr/bin/env bash
# Idempotent installer for the real-engine test harness (Debian 12).
# Installs docker.io (Engine 20.10, API 1.41), busybox-static (test image
# contents), iproute2 (netns + veth parents) and docker-compose (1.29.2: the
# real compose client of the compose differential test) only when missing.
set -euo pipefail

log() { printf 'engine/install: %s\n' "$*"; }
die() { printf 'engine/install: ERROR: %s\n' "$*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || die "must run as root (needs apt-get, netns, dockerd)"
command -v dpkg-query >/dev/null || die "dpkg-query not found: this script supports Debian/Ubuntu only"

# package -> a file that must exist afterwards (checked, so a half-installed
# package is noticed too)
declare -A probe=(
  [docker.io]=/usr/sbin/dockerd
  [busybox-static]=/bin/busybox
  [iproute2]=/usr/sbin/ip
  [docker-compose]=/usr/bin/docker-compose
)
missing=()
for pkg in docker.io busybox-static iproute2 docker-compose; do
  status=$(dpkg-query -W -f='${db:Status-Abbrev}' "$pkg" 2>/dev/null || true)
  if [[ "$status" == ii* ]] && [ -e "${probe[$pkg]}" ]; then
    log "$pkg already installed ($(dpkg-query -W -f='${Version}' "$pkg"))"
  else
    missing+=("$pkg")
  fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  log "nothing to do"
else
  command -v apt-get >/dev/null || die "apt-get not found; install manually: ${missing[*]}"
  log "missing: ${missing[*]}; running apt-get update"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q || die "apt-get update failed"
  log "installing: ${missing[*]}"
  # --no-install-recommends keeps out e.g. a second docker CLI/daemon config we
  # do not want; policy-rc.d-style service start is irrelevant (no systemd here
  # usually), dockerd is started by engine.sh in its own netns.
  apt-get install -y -q --no-install-recommends "${missing[@]}" || die "apt-get install ${missing[*]} failed"
  for pkg in "${missing[@]}"; do
    [ -e "${probe[$pkg]}" ] || die "$pkg installed but ${probe[$pkg]} is missing"
    log "installed $pkg ($(dpkg-query -W -f='${Version}' "$pkg"))"
  done
fi

for tool in /usr/sbin/dockerd /bin/busybox /usr/sbin/ip /usr/bin/unshare /usr/bin/nsenter; do
  [ -x "$tool" ] || die "required tool $tool not found"
done
log "ok: $(/usr/sbin/dockerd --version)"
