# Every polling helper the seed lists, each run to its terminal state.

from typed_openai import OpenAI

client = OpenAI()

assistant = client.beta.assistants.create(model="gpt-4o", instructions="You are helpful.")

run = client.beta.threads.create_and_run_poll(
    assistant_id=assistant.id,
    thread={"messages": [{"role": "user", "content": "Hello!"}]},
)
print("create_and_run_poll:", run.status)

thread = client.beta.threads.create(messages=[{"role": "user", "content": "What is 2 + 2?"}])
run = client.beta.threads.runs.create_and_poll(thread_id=thread.id, assistant_id=assistant.id)
print("runs.create_and_poll:", run.status)

weather = client.beta.assistants.create(
    model="gpt-4o",
    tools=[
        {
            "type": "function",
            "function": {
                "name": "get_weather",
                "parameters": {
                    "type": "object",
                    "properties": {"city": {"type": "string"}},
                    "required": ["city"],
                },
            },
        }
    ],
)
thread = client.beta.threads.create(messages=[{"role": "user", "content": "Weather in Paris?"}])
run = client.beta.threads.runs.create_and_poll(thread_id=thread.id, assistant_id=weather.id)
print("runs.create_and_poll with a function tool:", run.status)
if run.status == "requires_action" and run.required_action:
    outputs = [
        {"tool_call_id": call.id, "output": "22 C and sunny"}
        for call in run.required_action.submit_tool_outputs.tool_calls
    ]
    run = client.beta.threads.runs.submit_tool_outputs_and_poll(
        run_id=run.id, thread_id=thread.id, tool_outputs=outputs
    )
    print("runs.submit_tool_outputs_and_poll:", run.status)

vector_store = client.beta.vector_stores.create(name="docs")

vs_file = client.beta.vector_stores.files.upload_and_poll(
    vector_store_id=vector_store.id, file=("notes.txt", b"typed_openai polling demo")
)
print("vector_stores.files.upload_and_poll:", vs_file.status)

uploaded = client.files.create(file=("more.txt", b"more text"), purpose="assistants")
vs_file = client.beta.vector_stores.files.create_and_poll(
    file_id=uploaded.id, vector_store_id=vector_store.id
)
print("vector_stores.files.create_and_poll:", vs_file.status)

other = client.files.create(file=("other.txt", b"other text"), purpose="assistants")
batch = client.beta.vector_stores.file_batches.create_and_poll(
    vector_store_id=vector_store.id, file_ids=[other.id]
)
print("vector_stores.file_batches.create_and_poll:", batch.status, batch.file_counts)

batch = client.beta.vector_stores.file_batches.upload_and_poll(
    vector_store.id,
    files=[(f"part{i}.txt", f"file number {i}".encode()) for i in range(5)],
    max_concurrency=2,
)
print("vector_stores.file_batches.upload_and_poll:", batch.status, batch.file_counts)
