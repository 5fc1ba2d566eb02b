"""One module per sheet of the workbook, each a small writer.Sheet subclass. The QIPP and
FRP sheets belong to the finance app and join the list in export.build_workbook."""
