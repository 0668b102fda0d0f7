"""The Gradio web chat (``rag serve``): pure rendering in ``render``, wiring in ``app``.

Gradio reads ``GRADIO_ANALYTICS_ENABLED`` when it is imported; the server must
never call out, so analytics are switched off before ``ui.app`` imports it.
"""

import os

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
