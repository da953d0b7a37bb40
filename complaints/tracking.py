"""A complaint's tracking code (``TS-…``): the kernel's codes (``supervision.tracking``)."""

from supervision.tracking import TrackingCodes

codes = TrackingCodes("TS")
new_code, normalise, digest = codes.new_code, codes.normalise, codes.digest
