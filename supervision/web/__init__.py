"""The web toolkit every registry builds its pages and API from.

- ``pages``: filtered, paginated lists with their .xlsx export, forms that call a service (and
  whole pages of such a form), transition buttons, who may open a writing page, a record's
  history.
- ``forms``: date inputs, the department choice on a new record, a reasons form.
- ``filters``: whole-number filters in range, the department filter in the user's scope.
- ``api``: pagination, errors, permissions, ``RegistryViewSet`` and transitions as actions.
- ``serializers``: strict serializers (unknown fields refused), reasons, the department on create.
- ``documents``: uploaded files served only through a record's scoped view.

Templates: ``web/form.html``, ``web/_form_fields.html``, ``web/_filters.html``,
``web/_button.html``, ``web/_reason_button.html``, ``web/_history.html``; one stylesheet,
``static/css/portal.css``.
"""
