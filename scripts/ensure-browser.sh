#!/bin/sh
# Make sure the browser tests have a Chromium and CJK fonts.
# As root, install them with the OS package manager; otherwise say what to do.
have_chromium() { [ -n "${CHROMIUM:-}" ] && [ -x "$CHROMIUM" ] || command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ]; }
have_cjk_font() { fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; }

if have_chromium && have_cjk_font; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Chromium and CJK fonts (apt-get install chromium fonts-noto-cjk) ..."
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
  have_chromium && have_cjk_font && exit 0
  echo "apt-get could not install chromium and fonts-noto-cjk; see the messages above." >&2
  exit 1
fi
cat >&2 <<MSG
The browser tests need Chromium and CJK fonts, which are missing.
Install them, then run 'make test' again:
  Debian/Ubuntu:  sudo apt-get install chromium fonts-noto-cjk
  Fedora:         sudo dnf install chromium google-noto-sans-cjk-fonts
  macOS:          brew install --cask chromium   (CJK fonts ship with macOS)
If your Chromium is not at /usr/bin/chromium, set CHROMIUM=/path/to/chromium.
MSG
exit 1
