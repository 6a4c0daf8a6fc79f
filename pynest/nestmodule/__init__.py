"""The NEST kernel as an SLI module: kernel builtins plus nest-init.sli.

Installed into every interpreter through the ``sli.modules`` entry point (see docs/modules.md).
"""
from __future__ import annotations

from pathlib import Path

from . import datums  # noqa: F401  (registers gidcollectiontype and connectiontype)
from .commands import reg, refresh_model_dicts


class NestModule:
    """Registers the kernel commands and runs nest-init.sli."""

    name = "nest"
    library_files = [Path(__file__).with_name("nest-init.sli")]

    def install(self, interp) -> None:
        reg.install_builtins(interp)
        reg.install_tries(interp)
        refresh_model_dicts(interp)
        sd = interp.systemdict
        from sli.datums import Dictionary, lit

        sd["connruledict"] = Dictionary({lit(r): i for i, r in enumerate((
            "all_to_all", "fixed_indegree", "fixed_outdegree", "fixed_total_number", "one_to_one",
            "pairwise_bernoulli", "symmetric_pairwise_bernoulli"))})
        sd["growthcurvedict"] = Dictionary({lit(g): i for i, g in enumerate((
            "gaussian", "linear", "sigmoid"))})
        sd["gidlisttype"] = lit("gidcollectiontype")
        _install_model_help(interp)


def _install_model_help(interp) -> None:
    """Every model's help text, for `/iaf_psc_alpha help` and nest.help("iaf_psc_alpha")."""
    import nestkernel

    for kind in ("nodes", "synapses"):
        for model in nestkernel.models(kind):
            try:
                text = nestkernel.model_help(model)
            except Exception:  # a copied model without its own text
                continue
            if text:
                interp.help_texts[model] = text


MODULE = NestModule()
