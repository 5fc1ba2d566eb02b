"""Excel in and out (issue #8).

Export: `export.build_workbook(plan, cycle=None, *, progress=None) -> bytes`, the plan's
workbook laid out like the Performance Pack (seed 002), written by `writer.write_workbook`
from one small `writer.Sheet` class per tab (`sheets/`).

Import: `importer.preview_import(*, plan, data, filename, by, create_officers=False)` and
`importer.commit_import(...)` -> `report.ImportReport`; a file we will not read raises
`safety.WorkbookRefused`, a workbook with row problems `importer.ImportRefused` (nothing
written). `uploads` keeps a file between preview and commit; `views` and the
`export_workbook` / `import_workbook` commands are the ways in.
"""
