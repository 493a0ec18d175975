"""The module mkdocs.yml names for mkdocs-macros (`macros: {modules: [playbook.macros]}`):
it hands over to the engine layer, which registers the template API
(``playbook.plan.template_api``) with mkdocs-macros."""

from playbook.engines.macros import define_env, on_pre_page_macros

__all__ = ["define_env", "on_pre_page_macros"]
