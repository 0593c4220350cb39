#!/usr/bin/env bash
# TEST HELPER: runs a command inside a private D-Bus session with a throwaway, unlocked
# gnome-keyring, so the real OS keychain (Secret Service, through keytar) is available to
# tests on a headless machine. The keyring lives in a temporary folder, is unlocked by a
# random password and is removed when the command ends, so nothing stored there survives:
# CI machines use TESSERA_API_KEY or --api-key-stdin instead (docs/cli.md).
# Without dbus-run-session it runs the command as it is.
set -euo pipefail
if [ -n "${TESSERA_KEYCHAIN_READY:-}" ] || ! command -v dbus-run-session >/dev/null 2>&1; then
  exec "$@"
fi
export TESSERA_KEYCHAIN_READY=1
exec dbus-run-session -- bash -c '
  keyring_home=$(mktemp -d)
  trap "rm -rf \"$keyring_home\"" EXIT
  export XDG_DATA_HOME="$keyring_home"
  eval "$(head -c 32 /dev/urandom | base64 | gnome-keyring-daemon --unlock --components=secrets)"
  export GNOME_KEYRING_CONTROL
  status=0
  "$@" || status=$?
  exit "$status"' _ "$@"
