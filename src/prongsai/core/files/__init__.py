"""Checking uploaded files by their content, shared by every app that takes a file (the
importer's documents, a round's evidence, the OIT workspace's files): what kind a file really is
(``sniff``), Office/ZIP containers opened against zip bombs (``zipguard``), what may be stored
as evidence and under which name (``evidence``), and the one error
these raise (``errors.IngestError``: a code and the reason in Thai and English). It depends on
nothing of the project but ``prongsai.thai``, so the apps above it depend on it one way."""
