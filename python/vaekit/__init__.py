"""vaekit: a model of France's VAE counselling networks.

The certification registry, the VAE pathway with the rules in force on each date, the
professionalisation cycle of the staff, the analytics a network publishes, and a calibrated
simulation. The compiled core is C++20; this package re-exports it with a Pythonic surface.
"""

# The areas, each a package (vaekit.registry, vaekit.pathway, ...); importing them also adds the
# pure-Python methods to the compiled classes (Registry.to_pandas(), EventLog.from_pandas(), ...).
# vaekit.report, vaekit.demo and vaekit.cli are imported on demand (they need pandas, matplotlib,
# jinja2). The everyday names are re-exported here.
from . import analytics, core, pathway, registry, simulation, store, training
from ._vaekit import __version__
from .analytics import *  # noqa: F403
from .core import *  # noqa: F403
from .pathway import *  # noqa: F403
from .registry import *  # noqa: F403
from .simulation import *  # noqa: F403
from .store import *  # noqa: F403
from .training import *  # noqa: F403

__all__ = ["__version__", "analytics", "core", "pathway", "registry", "simulation", "store"]
__all__ += ["training"]
__all__ += analytics.__all__
__all__ += core.__all__
__all__ += pathway.__all__
__all__ += registry.__all__
__all__ += simulation.__all__
__all__ += store.__all__
__all__ += training.__all__
