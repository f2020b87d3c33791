#!/usr/bin/env bash
# Real Docker engine (Debian docker.io 20.10, API 1.41) in its own network namespace,
# for test/engine. See scripts/engine/README.md.
#
#   engine.sh start   [DIR]   fresh engine (cleans leftovers in DIR first); prints the env file
#   engine.sh stop    [DIR]   kill containers, stop dockerd, kill leftovers, unmount, remove DIR
#   engine.sh restart [DIR]   stop dockerd (SIGTERM) and start it again; keeps data, netns, image
#   engine.sh kill    [DIR]   SIGKILL dockerd only (fault tests); containerd/shims keep running
#   engine.sh status  [DIR]   exit 0 if /_ping answers, 3 if not
#   engine.sh env     [DIR]   print the env file
#
# DIR: argument, else $MVS_ENGINE_DIR, else /tmp/macvlan-spec-engine. Keep it short: the
# containerd socket lives under it and unix socket paths are limited to 107 bytes.
# Other knobs: MVS_ENGINE_PARENTS (default "eth0 eth1 eth2 bond0 ens3 wlan0"),
# MVS_ENGINE_START_TIMEOUT_MS (20000), MVS_ENGINE_STOP_TIMEOUT_S (15), MVS_ENGINE_INSTALL=1
# (run install.sh first), MVS_ENGINE_FORCE_IP_NETNS=1 (test the `ip netns add` fallback).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
IMAGE_REPO=macvlan-test/busybox
IMAGE_TAG=latest
MARKER=.macvlan-spec-engine
PARENTS=${MVS_ENGINE_PARENTS:-eth0 eth1 eth2 bond0 ens3 wlan0}
START_TIMEOUT_MS=${MVS_ENGINE_START_TIMEOUT_MS:-20000}
STOP_TIMEOUT_S=${MVS_ENGINE_STOP_TIMEOUT_S:-15}
BUSYBOX_APPLETS="sh ash sleep ip ifconfig route ping cat ls echo hostname true false ps \
  nc wget ln mkdir rm env id uname grep sed awk head tail date arp udhcpc nslookup"

log() { printf 'engine: %s\n' "$*" >&2; }
die() { printf 'engine: ERROR: %s\n' "$*" >&2; exit 1; }
now_ms() { date +%s%3N; }

cmd=${1:-}
[ -n "$cmd" ] || die "usage: engine.sh start|stop|restart|kill|status|env [DIR]"
DIR=${2:-${MVS_ENGINE_DIR:-/tmp/macvlan-spec-engine}}
case "$DIR" in /*) ;; *) DIR=$(pwd)/$DIR ;; esac
DIR=${DIR%/}
if [ "$DIR" = "" ] || [ "$DIR" = "/" ]; then die "refusing state dir '$DIR'"; fi

# One short id per state dir: containerd namespace, cgroup parent, `ip netns` fallback name.
ID=mvs-$(printf '%s' "$DIR" | sha256sum | cut -c1-10)
NETNS_FILE=$DIR/netns
SOCK=$DIR/docker.sock
PIDFILE=$DIR/dockerd.pid
LOG=$DIR/dockerd.log
ENVFILE=$DIR/env
DATA=$DIR/data
EXEC=$DIR/exec

[ ${#EXEC} -le 60 ] || die "state dir path too long (${#DIR} chars): containerd's socket under $EXEC would exceed the unix socket limit; use a shorter MVS_ENGINE_DIR"

netns_path() { # the netns file in use (own bind mount, or the `ip netns` fallback)
  if [ -f "$DIR/netns.path" ]; then cat "$DIR/netns.path"; else echo "$NETNS_FILE"; fi
}
in_ns() { nsenter --net="$(netns_path)" "$@"; }
is_nsfs() { [ "$(findmnt -n -o FSTYPE --mountpoint "$1" 2>/dev/null | tail -n 1)" = nsfs ]; }

# PID of our dockerd, only if alive and really ours (guards against PID reuse).
dockerd_pid() {
  local pid
  pid=$(cat "$PIDFILE" 2>/dev/null || true)
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  local cmdline
  cmdline=$(tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline") || return 1
  [[ "$cmdline" == *"--pidfile $PIDFILE "* ]] || return 1
  echo "$pid"
}

# PID of the containerd our dockerd manages, if it is alive (not a zombie) and really ours.
containerd_pid() {
  local pid cmdline stat
  pid=$(cat "$EXEC/containerd/containerd.pid" 2>/dev/null || true)
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  stat=$(cat "/proc/$pid/stat" 2>/dev/null) || return 1
  stat=${stat##*) }
  [ "${stat%% *}" != Z ] || return 1
  cmdline=$(tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline") || return 1
  [[ "$cmdline" == *"$EXEC/containerd/"* ]] || return 1
  echo "$pid"
}

wait_gone() { # pid timeout_s
  local pid=$1 deadline=$(( $(date +%s) + $2 ))
  local stat
  while stat=$(cat "/proc/$pid/stat" 2>/dev/null); do
    stat=${stat##*) }
    if [ "${stat%% *}" = Z ]; then return 0; fi # exited, parent has not reaped it yet
    if [ "$(date +%s)" -ge "$deadline" ]; then return 1; fi
    sleep 0.05
  done
}

check_prereqs() {
  local missing=()
  for t in /usr/sbin/dockerd /usr/bin/containerd /usr/sbin/runc /bin/busybox /usr/sbin/ip /usr/bin/nsenter /usr/bin/unshare; do
    [ -x "$t" ] || [ -x "$(command -v "$(basename "$t")" 2>/dev/null)" ] || missing+=("$t")
  done
  [ ${#missing[@]} -eq 0 ] || die "missing ${missing[*]}; run: bash $HERE/install.sh"
  command -v node >/dev/null || die "node not found"
  [ "$(id -u)" = 0 ] || die "must run as root (network namespaces, dockerd)"
}

api() { node "$HERE/api.mjs" "$@"; }

# ---------------------------------------------------------------------------------------
# teardown pieces (each tolerates missing state, so stop works on any leftovers)

kill_ns_processes() {
  # Everything still running in our netns (containerd, shims after a dockerd SIGKILL) and all
  # their descendants (container processes live in their own netns, children of the shims).
  local ns ino p pid stat rest all=() changed=1 i
  local -A ppid_of=() mine=()
  ns=$(netns_path)
  is_nsfs "$ns" || return 0
  ino=$(stat -L -c %i "$ns")
  for p in /proc/[0-9]*; do
    pid=${p#/proc/}
    stat=$(cat "$p/stat" 2>/dev/null) || continue
    rest=${stat##*) }             # drop "pid (comm) "; comm may contain spaces
    read -r _ "ppid_of[$pid]" _ <<<"$rest"
    if [ "$(readlink "$p/ns/net" 2>/dev/null)" = "net:[$ino]" ] && [ "$pid" != $$ ]; then
      mine[$pid]=1; all+=("$pid")
    fi
  done
  [ ${#all[@]} -gt 0 ] || return 0
  while [ $changed = 1 ]; do
    changed=0
    for pid in "${!ppid_of[@]}"; do
      if [ -z "${mine[$pid]:-}" ] && [ -n "${mine[${ppid_of[$pid]}]:-}" ]; then
        mine[$pid]=1; all+=("$pid"); changed=1
      fi
    done
  done
  log "killing leftover processes (by PID): ${all[*]}"
  # descendants first (reverse discovery order), then the processes in the netns
  for (( i=${#all[@]}-1; i>=0; i-- )); do kill -KILL "${all[$i]}" 2>/dev/null || true; done
  for pid in "${all[@]}"; do wait_gone "$pid" 5 || log "pid $pid did not exit"; done
}

unmount_all() {
  # deepest first; overlay merged dirs, container shm, libnetwork netns files, data-root self-bind
  local m
  while read -r m; do
    umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || log "could not unmount $m"
  done < <(awk -v d="$DIR" '{ if ($5 == d || index($5, d "/") == 1) print $5 }' /proc/self/mountinfo | sort -r | uniq)
}

remove_cgroups() {
  local d
  for d in /sys/fs/cgroup/*/"$ID" /sys/fs/cgroup/"$ID"; do
    [ -d "$d" ] || continue
    find "$d" -depth -mindepth 1 -type d -exec rmdir {} \; 2>/dev/null || true
    rmdir "$d" 2>/dev/null || log "could not remove cgroup $d"
  done
}

remove_containerd_leftovers() {
  # runc state of the runc-v2 shims and their sockets (/run/containerd/s/sha256(addr/ns/id))
  rm -rf "/run/containerd/runc/$ID"
  local addr="$EXEC/containerd/containerd.sock" c h
  for c in "$DATA"/containers/*; do
    [ -d "$c" ] || continue
    h=$(printf '%s' "$addr/$ID/$(basename "$c")" | sha256sum | cut -c1-64)
    rm -f "/run/containerd/s/$h"
  done
}

stop_dockerd() { # graceful: kill containers via API first, then SIGTERM, SIGKILL after timeout
  local pid
  pid=$(dockerd_pid) || return 0
  if [ -S "$SOCK" ]; then
    timeout 10 node "$HERE/api.mjs" kill-containers "$SOCK" >/dev/null 2>&1 || log "could not kill containers via API"
  fi
  kill -TERM "$pid" 2>/dev/null || true
  if ! wait_gone "$pid" "$STOP_TIMEOUT_S"; then
    log "dockerd $pid still alive after ${STOP_TIMEOUT_S}s, sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    wait_gone "$pid" 5 || die "dockerd $pid survives SIGKILL"
  fi
  rm -f "$PIDFILE"
}

teardown() {
  stop_dockerd
  kill_ns_processes
  remove_containerd_leftovers
  unmount_all
  if [ -f "$DIR/netns.name" ]; then ip netns del "$(cat "$DIR/netns.name")" 2>/dev/null || true; fi
  remove_cgroups
}

# ---------------------------------------------------------------------------------------

create_netns() {
  touch "$NETNS_FILE"
  if [ "${MVS_ENGINE_FORCE_IP_NETNS:-0}" != 1 ] && unshare --net="$NETNS_FILE" true 2>"$DIR/unshare.err"; then
    rm -f "$DIR/unshare.err"
  else
    log "unshare --net=$NETNS_FILE: $(cat "$DIR/unshare.err" 2>/dev/null || echo 'skipped (MVS_ENGINE_FORCE_IP_NETNS=1)'); falling back to ip netns add $ID"
    rm -f "$DIR/unshare.err"
    ip netns del "$ID" 2>/dev/null || true
    ip netns add "$ID" || die "cannot create a network namespace (unshare and ip netns both failed)"
    echo "/run/netns/$ID" >"$DIR/netns.path"
    echo "$ID" >"$DIR/netns.name"
  fi
  in_ns ip link set lo up
  local p
  for p in $PARENTS; do
    [ ${#p} -le 10 ] || die "parent name '$p' too long (max 10, the peer is named $p-peer)"
    in_ns ip link add "$p" type veth peer name "$p-peer"
    in_ns ip link set "$p-peer" up
    in_ns ip link set "$p" up
  done
}

start_dockerd() {
  local pid t0
  if ! dockerd_pid >/dev/null; then rm -f "$PIDFILE"; fi
  # dockerd reuses a containerd whose pidfile names a PID present in /proc. After a dockerd
  # SIGKILL that PID can be an unreaped zombie (or reused), and dockerd then waits on a dead
  # socket and exits. Keep the pidfile only for a live containerd of ours.
  if ! containerd_pid >/dev/null; then rm -f "$EXEC/containerd/containerd.pid"; fi
  : >"$LOG"
  t0=$(now_ms)
  # setsid + all stdio redirected: dockerd must outlive this script and must not hold the
  # caller's pipes open (node's execFile would wait for them).
  # --bridge=none: no docker0; --iptables/--ip6tables=false: nothing touches netfilter;
  # --ip-masq=false/--userland-proxy=false: no NAT, no docker-proxy processes.
  # MVS_ENGINE_HOSTNAME (kept in DIR/hostname for restart): dockerd in its own UTS namespace with
  # that host name, so Swarm nodes are told apart (otherwise every node has the machine's name).
  local uts=()
  if [ -f "$DIR/hostname" ]; then uts=(unshare --uts -- sh -c 'hostname "$0" && exec "$@"' "$(cat "$DIR/hostname")"); fi
  setsid "${uts[@]}" nsenter --net="$(netns_path)" /usr/sbin/dockerd \
    --config-file "$DIR/daemon.json" \
    --data-root "$DATA" \
    --exec-root "$EXEC" \
    --pidfile "$PIDFILE" \
    -H "unix://$SOCK" \
    --bridge=none --iptables=false --ip6tables=false --ip-masq=false --userland-proxy=false \
    --containerd-namespace "$ID" --containerd-plugins-namespace "$ID-plugins" \
    --cgroup-parent "/$ID" \
    --storage-driver overlay2 \
    </dev/null >>"$LOG" 2>&1 &
  pid=$!
  if ! api wait-ping "$SOCK" "$START_TIMEOUT_MS" "$pid" >/dev/null 2>"$DIR/ping.err"; then
    log "dockerd did not come up: $(cat "$DIR/ping.err")"
    log "last lines of $LOG:"
    tail -n 30 "$LOG" >&2
    return 1
  fi
  rm -f "$DIR/ping.err"
  [ "$(cat "$PIDFILE" 2>/dev/null)" = "$pid" ] || log "warning: pidfile says $(cat "$PIDFILE" 2>/dev/null), started $pid"
  echo "$(( $(now_ms) - t0 ))"
}

build_rootfs_tar() {
  local r=$DIR/rootfs a
  rm -rf "$r"
  mkdir -p "$r/bin" "$r/etc" "$r/proc" "$r/sys" "$r/dev" "$r/tmp" "$r/root"
  cp /bin/busybox "$r/bin/busybox"
  for a in $BUSYBOX_APPLETS; do ln -s busybox "$r/bin/$a"; done
  echo 'root:x:0:0:root:/root:/bin/sh' >"$r/etc/passwd"
  echo 'root:x:0:' >"$r/etc/group"
  chmod 1777 "$r/tmp"
  # deterministic tar (same bytes every run for the same busybox)
  tar -C "$r" --sort=name --mtime=@0 --numeric-owner --owner=0 --group=0 -cf "$DIR/rootfs.tar" .
  rm -rf "$r"
}

write_env() { # start_ms import_ms image_id
  local pid
  pid=$(dockerd_pid)
  cat >"$ENVFILE.tmp" <<EOF
DOCKER_HOST=unix://$SOCK
DOCKER_API_VERSION=1.41
MVS_ENGINE_DIR=$DIR
MVS_ENGINE_SOCKET=$SOCK
MVS_ENGINE_PID=$pid
MVS_ENGINE_NETNS=$(netns_path)
MVS_ENGINE_PARENTS=$PARENTS
MVS_ENGINE_IMAGE=$IMAGE_REPO:$IMAGE_TAG
MVS_ENGINE_IMAGE_ID=$3
MVS_ENGINE_START_MS=$1
MVS_ENGINE_IMPORT_MS=$2
MVS_ENGINE_LOG=$LOG
EOF
  mv "$ENVFILE.tmp" "$ENVFILE"
}

set_env_value() { # key value
  sed -i "s|^$1=.*|$1=$2|" "$ENVFILE"
}

cleanup_failed_start() {
  local rc=$?
  if [ "$rc" != 0 ]; then
    log "start failed, cleaning up $DIR"
    teardown || true
    rm -rf "$DIR"
  fi
}

do_start() {
  if [ "${MVS_ENGINE_INSTALL:-0}" = 1 ]; then bash "$HERE/install.sh" >&2 || die "install.sh failed"; fi
  check_prereqs
  if [ -e "$DIR" ] && [ ! -f "$DIR/$MARKER" ] && [ -n "$(ls -A "$DIR" 2>/dev/null)" ]; then
    die "$DIR exists, is not empty and was not created by engine.sh; refusing to use it"
  fi
  if [ -f "$DIR/$MARKER" ]; then
    if dockerd_pid >/dev/null && api request "$SOCK" GET /_ping >/dev/null 2>&1 && [ -f "$ENVFILE" ]; then
      log "already running in $DIR (pid $(dockerd_pid))"
      cat "$ENVFILE"
      return 0
    fi
    log "cleaning leftovers in $DIR"
    teardown
    rm -rf "$DIR"
  fi
  mkdir -p "$DIR" "$DATA" "$EXEC"
  touch "$DIR/$MARKER"
  # Never read /etc/docker/daemon.json. 20.10 keeps its engine key (the engine ID Swarm tells
  # nodes apart by) in /etc/docker/key.json, shared by every engine, unless daemon.json moves it.
  printf '{"deprecated-key-path": "%s"}\n' "$DIR/key.json" >"$DIR/daemon.json"
  if [ -n "${MVS_ENGINE_HOSTNAME:-}" ]; then echo "$MVS_ENGINE_HOSTNAME" >"$DIR/hostname"; fi

  # if anything below fails, leave nothing running
  trap cleanup_failed_start EXIT
  create_netns
  local start_ms import_ms image_id t0
  start_ms=$(start_dockerd) || die "dockerd failed to start (log above)"
  build_rootfs_tar
  t0=$(now_ms)
  image_id=$(api import "$SOCK" "$DIR/rootfs.tar" "$IMAGE_REPO" "$IMAGE_TAG") || die "image import failed"
  import_ms=$(( $(now_ms) - t0 ))
  write_env "$start_ms" "$import_ms" "$image_id"
  trap - EXIT
  log "up: pid $(dockerd_pid), ping after ${start_ms} ms, image import ${import_ms} ms, parents: $PARENTS"
  cat "$ENVFILE"
}

do_stop() {
  if [ ! -e "$DIR" ]; then log "nothing at $DIR"; return 0; fi
  [ -f "$DIR/$MARKER" ] || die "$DIR was not created by engine.sh; refusing to tear it down"
  teardown
  rm -rf "$DIR"
  [ ! -e "$DIR" ] || die "could not remove $DIR"
  log "stopped, removed $DIR"
}

do_restart() {
  if [ ! -f "$DIR/$MARKER" ] || [ ! -f "$ENVFILE" ]; then die "no engine state in $DIR; use start"; fi
  is_nsfs "$(netns_path)" || die "netns $(netns_path) is gone; use start"
  stop_dockerd
  local start_ms
  start_ms=$(start_dockerd) || die "dockerd failed to restart (log above)"
  set_env_value MVS_ENGINE_PID "$(dockerd_pid)"
  set_env_value MVS_ENGINE_START_MS "$start_ms"
  log "restarted: pid $(dockerd_pid), ping after ${start_ms} ms"
  cat "$ENVFILE"
}

do_kill() {
  local pid cpid
  pid=$(dockerd_pid) || die "dockerd in $DIR is not running"
  cpid=$(containerd_pid || true)
  kill -KILL "$pid"
  wait_gone "$pid" 5 || die "dockerd $pid survives SIGKILL"
  # containerd gets SIGKILL too (its parent-death signal); wait for it so the state is settled
  if [ -n "$cpid" ]; then wait_gone "$cpid" 5 || log "containerd $cpid still running after dockerd SIGKILL"; fi
  # dockerd refuses to start while the pidfile names a PID that is still in /proc, and an
  # unreaped zombie still is
  rm -f "$PIDFILE"
  log "SIGKILLed dockerd $pid"
}

case "$cmd" in
  start) do_start ;;
  stop) do_stop ;;
  restart) do_restart ;;
  kill) do_kill ;;
  status)
    if dockerd_pid >/dev/null && api request "$SOCK" GET /_ping >/dev/null 2>&1; then
      echo "running pid $(dockerd_pid) socket $SOCK"
    else
      echo "not running ($DIR)"
      exit 3
    fi
    ;;
  env) cat "$ENVFILE" ;;
  *) die "unknown command '$cmd' (start|stop|restart|kill|status|env)" ;;
esac
