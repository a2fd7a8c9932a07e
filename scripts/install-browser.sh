#!/usr/bin/env bash
# Installs Debian's headless-capable Chromium for the dashboard browser test (DashboardBrowserTest).
# Idempotent: does nothing but print the version when /usr/bin/chromium is already there.
# Needs root (or sudo) and a reachable Debian mirror the first time; CI runs it before `mvn test`.
#   bash scripts/install-browser.sh            # chromium only
#   WITH_DRIVER=1 bash scripts/install-browser.sh   # also chromium-driver (not needed by the tests)
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

as_root() {
  if [[ "$(id -u)" -eq 0 ]]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo -E "$@"
  else
    echo "install-browser.sh: need root (or sudo) to run: $*" >&2
    exit 2
  fi
}

# Recommends are skipped (they pull in mesa, udev, upower, printing); fonts-liberation is the one that
# matters, for readable screenshots on a bare image.
packages=()
[[ -x /usr/bin/chromium ]] || packages+=(chromium fonts-liberation)
if [[ "${WITH_DRIVER:-0}" == "1" ]] && ! command -v chromedriver >/dev/null 2>&1; then
  packages+=(chromium-driver)
fi

if (( ${#packages[@]} > 0 )); then
  start=$(date +%s)
  echo "install-browser.sh: installing ${packages[*]}"
  as_root apt-get update -qq
  as_root apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
  echo "install-browser.sh: installed in $(( $(date +%s) - start )) s"
else
  echo "install-browser.sh: chromium already installed"
fi

# (Debian's launcher prints a harmless "[: unexpected operator" from its /dev/shm check on some hosts)
/usr/bin/chromium --version 2>/dev/null
