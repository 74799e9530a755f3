#!/usr/bin/env bash
# System packages newsclean's writers and tests use: CJK fonts, the HarfBuzz
# subsetter WeasyPrint needs for fast font embedding, poppler (pdftotext/pdffonts),
# fontconfig's fc-list (CJK font lookup) and LibreOffice Writer (the DOCX check).
# chromium renders the editor's review page in the browser tests.
# Installs with apt when run as root (or with sudo); otherwise says what to install.
set -euo pipefail
PACKAGES=(fonts-noto-cjk fontconfig libharfbuzz-subset0 libpango-1.0-0 libpangoft2-1.0-0 poppler-utils libxml2-utils chromium libreoffice-writer-nogui)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && { echo "system packages: all present"; exit 0; }
if ! command -v apt-get >/dev/null; then
  echo "system packages: please install ${missing[*]} (no apt-get here)" >&2; exit 0
fi
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "system packages: installing ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
