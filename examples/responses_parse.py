# Structured output with the Responses API: the reply comes back as a validated model.
from typing import List

from pydantic import BaseModel

from typed_openai import OpenAI


class Step(BaseModel):
    explanation: str
    output: str


class MathResponse(BaseModel):
    steps: List[Step]
    final_answer: str


client = OpenAI()

response = client.responses.parse(
    model="gpt-4o-2024-08-06",
    input=[
        {"role": "system", "content": "You are a helpful math tutor."},
        {"role": "user", "content": "solve 8x + 31 = 2"},
    ],
    text_format=MathResponse,
)

answer = response.output_parsed
if answer is not None:
    for step in answer.steps:
        print("step:", step.explanation, "->", step.output)
    print("final answer:", answer.final_answer)
else:
    print("no parsed answer; output text:", response.output_text)
