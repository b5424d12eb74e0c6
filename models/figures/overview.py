"""Read-only figures about the open archive, for the home screen and summaries."""
from __future__ import annotations

from dataclasses import dataclass

from models.matters.tables import MatterReport
from models.org.tables import Township, Unit
from models.personnel.person import Secretary, SecretaryStatus
from models.storage import settings


@dataclass(frozen=True)
class Overview:
    mode: str
    township_name: str
    townships: int
    units: int
    secretaries: int
    serving: int
    reports: int

    @property
    def mode_name(self) -> str:
        return settings.MODE_NAMES.get(self.mode, self.mode)


def archive_overview() -> Overview:
    return Overview(
        mode=settings.get("mode"),
        township_name=settings.get("township_name") or "",
        townships=Township.live().count(),
        units=Unit.live().count(),
        secretaries=Secretary.live().count(),
        serving=Secretary.live().where(Secretary.status == SecretaryStatus.SERVING).count(),
        reports=MatterReport.live().count(),
    )
