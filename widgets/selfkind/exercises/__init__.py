"""The other exercises' data files: quick checks, the loop, practices, the soothing map, the
exercise wording, and the SCS-SF and reliable-change arithmetic. Each loader validates its
file (pydantic) and names FILE:LINE for a problem; no widgets here (selfkind.ui shows them).
"""
