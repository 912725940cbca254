import pytest
from PySide6.QtCore import QLocale

from app.ui.common.i18n import install_translators


@pytest.fixture
def ui_language(qapp):
    """Call it with a language ("de", "zh_CN") to install that catalog; English comes back after."""
    before = QLocale()

    def use(language: str) -> QLocale:
        return install_translators(language, qapp)

    yield use
    install_translators("en", qapp)
    QLocale.setDefault(before)
