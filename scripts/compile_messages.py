"""Compile the translation catalogues (.po to .mo) without needing GNU gettext on the machine.

The project's catalogue is in ``locale/``; each app may keep its own in ``<app>/locale/``.
"""

from pathlib import Path

import polib

root = Path(__file__).resolve().parent.parent
for po_path in [*root.glob("locale/*/LC_MESSAGES/*.po"), *root.glob("*/locale/*/LC_MESSAGES/*.po")]:
    mo_path = po_path.with_suffix(".mo")
    if not mo_path.exists() or mo_path.stat().st_mtime < po_path.stat().st_mtime:
        polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
        print(f"compiled {mo_path.relative_to(root)}")
