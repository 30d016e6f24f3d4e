"""AK1 registration (kartu kuning, Permenaker 39/2016), the Qt-free half: the draft a resident
fills in (draft.py), the checks of each answer (nik.py, validators.py), the receipt reference
(reference.py) and the store that seals personal data and queues the outbox entry (store.py).
"""
