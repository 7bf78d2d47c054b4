"""Exchange formats: a case exported as a swimmer-plot table, as cBioPortal timeline and
clinical files, or as an HL7 FHIR R4 Bundle following mCODE; and cBioPortal timeline files
imported back as cases. One module per format; docs/interchange.md describes each mapping and
what it loses."""

from timeline.interchange.common import ExportError, export_points

__all__ = ["FORMATS", "ExportError", "export_points"]

#: the formats ``timeline export --to`` writes
FORMATS = ("swimmer-csv", "cbioportal", "fhir")
