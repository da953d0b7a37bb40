"""The personnel pages, one module per section: ``officers`` (with auxiliary staff), ``roster``
(importing a roster from a spreadsheet), ``certificates`` (with annual reviews and the QR code)
and ``conduct`` (bad-conduct records). ``personnel/urls.py`` names each view by its module."""
