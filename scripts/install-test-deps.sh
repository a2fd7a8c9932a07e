#!/usr/bin/env bash
# Installs what two tests need beyond a JDK and Maven, from Debian's packages:
#  - headless-capable Chromium for the dashboard browser test (DashboardBrowserTest);
#  - a C compiler with OpenMP (gcc) for the decode benchmark's C baseline test (ReferenceCDecoderTest).
# Idempotent: installs only what is missing, then prints the versions.
# Needs root (or sudo) and a reachable Debian mirror the first time; CI runs it before `mvn install`.
#   bash scripts/install-test-deps.sh
#   WITH_DRIVER=1 bash scripts/install-test-deps.sh   # also chromium-driver (not needed by the tests)
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

as_root() {
  if [[ "$(id -u)" -eq 0 ]]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo -E "$@"
  else
    echo "install-test-deps.sh: need root (or sudo) to run: $*" >&2
    exit 2
  fi
}

# Recommends are skipped (they pull in mesa, udev, upower, printing); fonts-liberation is the one that
# matters, for readable screenshots on a bare image.
packages=()
[[ -x /usr/bin/chromium ]] || packages+=(chromium fonts-liberation)
command -v cc >/dev/null 2>&1 || packages+=(gcc libc6-dev)
if [[ "${WITH_DRIVER:-0}" == "1" ]] && ! command -v chromedriver >/dev/null 2>&1; then
  packages+=(chromium-driver)
fi

if (( ${#packages[@]} > 0 )); then
  start=$(date +%s)
  echo "install-test-deps.sh: installing ${packages[*]}"
  as_root apt-get update -qq
  as_root apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
  echo "install-test-deps.sh: installed in $(( $(date +%s) - start )) s"
else
  echo "install-test-deps.sh: chromium and cc already installed"
fi

# (Debian's launcher prints a harmless "[: unexpected operator" from its /dev/shm check on some hosts)
/usr/bin/chromium --version 2>/dev/null
cc --version | head -n 1
