#!/bin/sh
# Make sure this machine has what pip cannot install, before a make target
# needs it:
#   sh scripts/ensure-system.sh fonts     a font with Traditional Chinese glyphs
#                                         (make book: the charts measure their text with it)
#   sh scripts/ensure-system.sh browser   that font and Chromium (make test, make bench),
#                                         and for the printed handouts (make handouts, its
#                                         tests): poppler-utils and a TrueType Chinese font
# As root with apt-get, install what is missing; otherwise stop, printing the
# exact command to run. PYTHON is the course's Python (make passes .venv's):
# the font check asks the course itself which CJK font its charts would use.
set -u
need="${1:-}"
case "$need" in
  fonts|browser) ;;
  *) echo "usage: sh scripts/ensure-system.sh fonts|browser" >&2; exit 2 ;;
esac
PYTHON="${PYTHON:-.venv/bin/python}"

have_cjk_font() {
  "$PYTHON" -c 'import sys; from lessons.svg import installed_cjk_font; sys.exit(installed_cjk_font() is None)' 2>/dev/null
}
have_poppler() {
  command -v pdftotext >/dev/null 2>&1 && command -v pdffonts >/dev/null 2>&1 && command -v pdfunite >/dev/null 2>&1
}
# Chromium embeds TrueType fonts in PDFs by name; Noto Sans CJK (CFF) only
# as unnamed Type 3 glyphs. static/print.css prints Chinese in this one.
have_print_font() {
  ! command -v fc-list >/dev/null 2>&1 || fc-list 2>/dev/null | grep -q "AR PL UMing TW"
}
have_chromium() {
  { [ -n "${CHROMIUM:-}" ] && [ -x "$CHROMIUM" ]; } || command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ]
}

# What is missing, as Debian, Fedora and Homebrew package names.
apt="" dnf="" brew=""
if ! have_cjk_font; then
  apt="fonts-noto-cjk" dnf="google-noto-sans-cjk-fonts"
fi
if [ "$need" = browser ] && ! have_chromium; then
  apt="chromium${apt:+ $apt}" dnf="chromium${dnf:+ $dnf}" brew="--cask chromium"
fi
if [ "$need" = browser ] && ! have_poppler; then
  apt="${apt:+$apt }poppler-utils" dnf="${dnf:+$dnf }poppler-utils" brew="${brew:+$brew }poppler"
fi
if [ "$need" = browser ] && ! have_print_font; then
  apt="${apt:+$apt }fonts-arphic-uming" dnf="${dnf:+$dnf }cjkuni-uming-fonts"
fi
[ -z "$apt" ] && exit 0

if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing $apt (apt-get install $apt) ..."
  # shellcheck disable=SC2086  # one word per package
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $apt >/dev/null
  if have_cjk_font && { [ "$need" = fonts ] || { have_chromium && have_poppler && have_print_font; }; }; then
    exit 0
  fi
  echo "apt-get could not install $apt; see the messages above." >&2
  exit 1
fi

case "$need" in
  fonts) why="The book's charts (the timeline, the gradebook's item analysis) measure Chinese text with a font that has Traditional Chinese glyphs, and none is installed: the book would be built with wrong text metrics." ;;
  browser) why="The browser tests and the printed handouts need Chromium, a font with Traditional Chinese glyphs, poppler-utils and (for PDFs) AR PL UMing TW, and some are missing." ;;
esac
cat >&2 <<MSG
$why
Install what is missing, then run the same make command again:
  Debian/Ubuntu:  sudo apt-get install $apt
  Fedora:         sudo dnf install $dnf
  macOS:          ${brew:+brew install $brew   }(PingFang TC ships with macOS)
  Windows:        (Microsoft JhengHei ships with Windows)
MSG
if [ "$need" = browser ]; then
  echo "If your Chromium is not at /usr/bin/chromium, set CHROMIUM=/path/to/chromium." >&2
fi
exit 1
