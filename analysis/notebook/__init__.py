"""Stage 5: what the notebooks call. ``params`` checks their parameters, ``select`` narrows the
Workbook, ``tables`` and ``charts`` compute what they show, ``passages`` the text behind a row,
``display`` shows and saves, ``explorer`` holds the live widgets and the correction panel."""
