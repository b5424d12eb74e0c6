"""Files exchanged with other programs: the Excel roster (花名册) and the ledger workbook."""
