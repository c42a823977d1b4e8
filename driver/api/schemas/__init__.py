"""marshmallow schemas of the API: they check the input and describe it in the OpenAPI document."""
