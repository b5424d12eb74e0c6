"""Every table of the archive, in creation order (parents before children)."""
from __future__ import annotations

from models.accounts.tables import User
from models.codes.tables import CodeItem, MaterialCategory
from models.exchange.tables import ExchangePackage, SenderKey
from models.matters.tables import Campaign, MatterReport, MatterType, Verification
from models.org.tables import Township, Unit
from models.personnel.catalogue import Material
from models.personnel.findings import Finding
from models.personnel.person import (Appointment, Assessment, FamilyMember, ResumeEntry, RewardPunishment, Secretary,
                                     Training)
from models.personnel.registers import AccessLog, Loan
from models.personnel.transfers import Transfer
from models.attachments.tables import Attachment
from models.storage.record import Record
from models.storage.settings import Setting
from models.writing.audit import AuditEntry

ALL_TABLES = (
    Setting, AuditEntry, User, CodeItem, MaterialCategory,
    Township, Unit, Secretary,
    ResumeEntry, FamilyMember, RewardPunishment, Assessment, Training, Appointment,
    Material, AccessLog, Loan, Transfer, Finding,
    MatterType, Campaign, MatterReport, Verification, Attachment,
    SenderKey, ExchangePackage,
)

# The records that make up the archive's data (everything that carries UUID and tombstone).
RECORD_TABLES = tuple(t for t in ALL_TABLES if issubclass(t, Record))

BY_NAME = {t._meta.table_name: t for t in ALL_TABLES}
