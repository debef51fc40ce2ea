"""typed_openai: a typed client for the OpenAI API."""
