"""Batch enrollment and suspension from Excel workbooks.

人员批量新参保 and 人员批量暂停参保: template, upload, preview, confirm.
"""
