# Type stubs of the gpac package: everything public is re-exported from gpac._gpac.
from ._gpac import *

__version__: str
