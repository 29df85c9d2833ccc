"""Debian's Chromium, launched the same way by every tier that drives it (Playwright may not
download its own browser here; without the background-networking flags Chromium calls out)."""

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
