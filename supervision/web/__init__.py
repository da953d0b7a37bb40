"""The web toolkit every registry builds its pages and API from.

- ``pages``: filtered, paginated lists with their .xlsx export, forms that call a service (and
  whole pages of such a form), transition buttons, who may open a writing page, a record's
  history.
- ``forms``: date inputs, the department choice on a new record, a reasons form.
- ``filters``: whole-number filters in range, the department filter in the user's scope.
- ``api``: pagination, errors, permissions, ``RegistryViewSet`` and transitions as actions.
- ``serializers``: strict serializers (unknown fields refused), reasons, the department on create.
- ``documents``: uploaded files served only through a record's scoped view.
- ``throttling``: rate limits of the public side per client address (pages and public API).

Templates: ``web/list.html``, ``web/form.html``, ``web/_form_fields.html``,
``web/_filters.html``, ``web/_button.html``, ``web/_reason_button.html``, ``web/_history.html``;
one stylesheet, ``static/css/portal.css``.

A list filters in place (htmx, progressive enhancement). Its template, rendered by
``pages.list_page``, extends ``web/list.html`` and fills two blocks::

    {% extends "web/list.html" %}
    {% block title %}…{% endblock %}
    {% block header %}heading, buttons, notes above the filters{% endblock %}
    {% block results %}<table>…{% for row in page %}…{% endfor %}</table>
    {% include "pagination.html" %}{% endblock %}

``web/list.html`` puts the filters (``web/_filters.html``) between them and the results in
``<div id="results">``. The filters are a plain GET form with a submit button; with htmx they
fetch the same URL on submit or on a change, replace that region and push the URL. For such a
request (``HX-Request`` with ``HX-Target: results``) ``list_page`` sets ``results_only`` and
``web/list.html`` extends ``web/results.html`` instead of ``base.html``: the answer is the
``results`` block alone, plus the export link (``web/_export_link.html``), swapped out of band
so that it exports the new filter. Both answers vary on ``HX-Request`` and ``HX-Target``.
Nothing outside the ``results`` block changes while filtering, so it must not depend on the
filter.
"""
