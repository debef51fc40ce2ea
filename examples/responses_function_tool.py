# Function calling with the Responses API: a pydantic model as a strict tool, its call's
# arguments parsed, the result sent back, and the model's final answer.
import json

from pydantic import BaseModel

from typed_openai import OpenAI, pydantic_function_tool


class GetWeather(BaseModel):
    """Current weather for a city."""

    city: str
    unit: str


client = OpenAI()
tools = [pydantic_function_tool(GetWeather, name="get_weather")]
question = {"role": "user", "content": "Please call get_weather for Lisbon."}

first = client.responses.parse(model="gpt-4o-2024-08-06", input=[question], tools=tools)

follow_up: list = [question]
for item in first.output:
    if item.type == "function_call":
        arguments = item.parsed_arguments
        print("model called", item.name, "with", arguments)
        follow_up.append(
            {
                "type": "function_call",
                "call_id": item.call_id,
                "name": item.name,
                "arguments": item.arguments,
            }
        )
        result = {"city": arguments.city, "temperature": 21, "unit": arguments.unit}
        follow_up.append(
            {"type": "function_call_output", "call_id": item.call_id, "output": json.dumps(result)}
        )

second = client.responses.parse(model="gpt-4o-2024-08-06", input=follow_up, tools=tools)
print("answer:", second.output_text)
