"""Every table of the archive, in creation order (parents before children)."""
from __future__ import annotations

from .archive import AccessLog, Loan, Material, Transfer
from .attachments import Attachment
from .base import Record
from .exchange.tables import ExchangePackage, ExchangeSender
from .matters import Campaign, MatterReport, MatterType, Verification
from .org import Township, Unit
from .person import (Appointment, Assessment, FamilyMember, ResumeEntry, RewardPunishment,
                     Secretary, Training)
from .system import AuditEntry, CodeItem, MaterialCategory, Setting, User

ALL_TABLES = (
    Setting, AuditEntry, User, CodeItem, MaterialCategory,
    Township, Unit, Secretary,
    ResumeEntry, FamilyMember, RewardPunishment, Assessment, Training, Appointment,
    Material, AccessLog, Loan, Transfer,
    MatterType, Campaign, MatterReport, Verification, Attachment,
    ExchangeSender, ExchangePackage,
)

# The records that make up the archive's data (everything that carries UUID and tombstone).
RECORD_TABLES = tuple(t for t in ALL_TABLES if issubclass(t, Record))

BY_NAME = {t._meta.table_name: t for t in ALL_TABLES}
