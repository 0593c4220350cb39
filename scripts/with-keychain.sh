#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with an unlocked gnome-keyring, so the
# real OS keychain (Secret Service, through keytar) is available to tests and the CLI on
# a headless machine. Without dbus-run-session it runs the command as it is.
set -euo pipefail
if [ -n "${TESSERA_KEYCHAIN_READY:-}" ] || ! command -v dbus-run-session >/dev/null 2>&1; then
  exec "$@"
fi
export TESSERA_KEYCHAIN_READY=1
exec dbus-run-session -- bash -c '
  keyring_home=$(mktemp -d)
  export XDG_DATA_HOME="$keyring_home"
  eval "$(printf "tessera-test-keyring" | gnome-keyring-daemon --unlock --components=secrets)"
  export GNOME_KEYRING_CONTROL
  exec "$@"' _ "$@"
