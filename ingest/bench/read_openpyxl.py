"""Read every cell of a workbook with openpyxl in read-only mode: the
baseline raat's reader is measured against (make bench-ingest).

Numbers are converted as the reader would (text to float where a cell
holds text), so that both do comparable work per cell; openpyxl does not
check the workbook contract, raat does.

Run with Debian's /usr/bin/python3, which sees python3-openpyxl.
"""
import sys

import openpyxl


def main(path):
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    cells = numbers = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows(values_only=True):
            for v in row:
                cells += 1
                if isinstance(v, str):
                    try:
                        float(v.replace(",", "."))
                        numbers += 1
                    except ValueError:
                        pass
                elif isinstance(v, (int, float)):
                    numbers += 1
    wb.close()
    print(f"{path}: {cells} cells, {numbers} numbers")


if __name__ == "__main__":
    main(sys.argv[1])
