"""The office's side of the central server: staff accounts, the pages petugas work in (fleet,
registrations, duplicates, vacancies, audit), the open-data feed and the registration export.
"""
