"""``python -m timeline`` is the ``timeline`` command."""

from timeline.start import entry

raise SystemExit(entry())
