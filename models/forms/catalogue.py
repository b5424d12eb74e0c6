"""Plain data for the 档案材料目录: categories in official order, materials numbered by date."""
from __future__ import annotations

from models.codes.tables import MaterialCategory
from models.forms.people import person_on_file, records_of
from models.personnel.catalogue import Material
from models.storage import memo


def catalogue_data(*, secretary_id: str) -> dict:
    """Categories in official order, each with its materials sorted by date and numbered."""
    person = person_on_file(secretary_id)
    materials = records_of(Material, secretary_id)
    classes = []
    categories = memo.remembered(("material categories",),
                                 lambda: list(MaterialCategory.live().order_by(MaterialCategory.sort_order)))
    for category in categories:
        rows = sorted((m for m in materials if m.category == category.code), key=lambda m: (m.date or "", m.sort_order))
        classes.append({"code": category.code, "name": category.name, "sub": category.parent is not None,
                        "label": class_label(category.code), "rows": [_material_row(m) for m in rows]})
    return {"name": person.name, "unit": f"{person.unit.township.name} {person.unit.name}", "classes": classes}


NUMERALS = "一二三四五六七八九十"


def class_label(code: str) -> str:
    """"4-1" → "四-1", "10" → "十": the 类号 as the catalogue writes it."""
    main, _, sub = code.partition("-")
    numeral = NUMERALS[int(main) - 1] if main.isdigit() and 1 <= int(main) <= 10 else main
    return f"{numeral}-{sub}" if sub else numeral


def _material_row(m: Material) -> dict:
    parts = (m.date or "").split(".")
    year, month, day = (parts + ["", "", ""])[:3]
    return {"title": m.title, "year": year, "month": month.lstrip("0"), "day": day.lstrip("0"),
            "copies": str(m.copies), "pages": str(m.pages), "remarks": m.remarks or ""}
