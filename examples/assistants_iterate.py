# The seed's two iteration examples: every event, then only the text deltas. The seed assumes an
# `assistant` and a `thread`; the first lines create them.
from typed_openai import OpenAI

client = OpenAI()
assistant = client.beta.assistants.create(
    model="gpt-4o", instructions="You are a math tutor. Write and run code to answer questions."
)
thread = client.beta.threads.create(
    messages=[{"role": "user", "content": "I need to solve the equation `3x + 11 = 14`."}]
)

with client.beta.threads.runs.stream(thread_id=thread.id, assistant_id=assistant.id) as stream:
    for event in stream:
        # Print the text from text delta events
        if event.event == "thread.message.delta" and event.data.delta.content:
            print(event.data.delta.content[0].text)

with client.beta.threads.runs.stream(thread_id=thread.id, assistant_id=assistant.id) as stream:
    for text in stream.text_deltas:
        print(text)
