from django.conf import settings
from django.http import JsonResponse
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class PortalLocaleMiddleware(LocaleMiddleware):
    """Pages speak Chinese unless the user picked another language with the switch (a cookie);
    the API answers in the language of the request's Accept-Language header."""

    def process_request(self, request):
        if request.path.startswith("/api/"):
            return super().process_request(request)
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in dict(settings.LANGUAGES):
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class ApiNotFoundMiddleware:
    """An unknown URL under /api/ answers a JSON 404, with DEBUG on as well as off.

    With DEBUG on Django answers an unresolved URL with its HTML debug page before ``handler404``
    is ever asked; an API client must get the same body in development as in production."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.status_code == 404
            and request.path.startswith("/api/")
            and not response.get("Content-Type", "").startswith("application/json")
        ):
            # The request's language is still active: the locale middleware sits outside this one.
            return JsonResponse({"detail": translation.gettext("Not found.")}, status=404)
        return response
