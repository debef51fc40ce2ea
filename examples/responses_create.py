# A Responses API call: one input, the model's text back.
from typed_openai import OpenAI

client = OpenAI()

response = client.responses.create(
    model="gpt-4o",
    instructions="You are a coding assistant that talks like a pirate.",
    input="How do I check if a Python object is an instance of a class?",
)

print(response.output_text)
print(
    "status:",
    response.status,
    "| output tokens:",
    response.usage.output_tokens if response.usage else None,
)
