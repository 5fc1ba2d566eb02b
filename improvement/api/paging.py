"""Pages of the API's lists."""

from rest_framework.pagination import PageNumberPagination


class Paging(PageNumberPagination):
    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 500
    invalid_page_message = "There is no page {page_number}: {message}."
