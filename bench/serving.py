"""The bare view (the framework's limit: one indexed query, JSON) and the query counter."""

from django.db import connection
from django.http import JsonResponse

from personnel.models import Certificate


def bare(request):
    found = (
        Certificate.objects.filter(number=request.GET.get("number", ""))
        .values("number", "status", "expires_on")
        .first()
    )
    return JsonResponse(found or {}, status=200 if found else 404)


def count_queries(get_response):
    def middleware(request):
        count = 0

        def counter(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counter):
            response = get_response(request)
        response["X-Queries"] = str(count)
        return response

    return middleware
