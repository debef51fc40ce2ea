# Stream a Responses API answer: print text as it arrives, then use the parsed final response.
from pydantic import BaseModel

from typed_openai import OpenAI


class Weather(BaseModel):
    city: str
    temperature_c: float
    conditions: str


client = OpenAI()

with client.responses.stream(
    model="gpt-4o-2024-08-06",
    input="What is the weather like in Paris today?",
    text_format=Weather,
) as stream:
    for event in stream:
        if event.type == "response.output_text.delta":
            print(event.delta, end="", flush=True)
        elif event.type == "response.output_text.done":
            print()
            print("parsed when done:", event.parsed)
        elif event.type == "response.completed":
            print("status:", event.response.status)

    final = stream.get_final_response()

print("final parsed:", final.output_parsed)
