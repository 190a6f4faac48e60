# Notebook kernels started by the test suite turn pandas FutureWarnings into errors, so that
# deprecated pandas usage in a notebook fails CI instead of breaking silently later.
import warnings

warnings.simplefilter("error", FutureWarning)
