"""Checklists (templates/checklist.html): the interactive on-screen version, the paper/PDF
version, the print view, the downloads list, and the Assessment record, which holds the case
header once and every checklist (record.js makes its buttons work: print, copy as text, save,
open, clear); without JavaScript the record is a plain form to print."""

from ..data.models import CASE_FIELDS
from .html import macros

TEMPLATE = macros("checklist.html", CASE_FIELDS=CASE_FIELDS)
