# A background response: start it, read part of its event stream, drop the connection, then
# resume after the last event seen: the stored stream is replayed and the events up to that one
# are skipped (read, not yielded), so snapshots and the final response are whole.
from typed_openai import OpenAI

client = OpenAI()

response = client.responses.create(
    model="gpt-4o-2024-08-06",
    input="Write a short story about a lighthouse keeper.",
    background=True,
)
print("started:", response.id, response.status)

last_seen = None
with client.responses.stream(response_id=response.id) as stream:
    for event in stream:
        last_seen = event.sequence_number
        if event.type == "response.output_text.delta":
            print("first part:", event.delta)
            break  # e.g. the connection dropped: leaving the block closes it

print("resuming after event", last_seen)
pieces = []
text_so_far = ""
with client.responses.stream(response_id=response.id, starting_after=last_seen) as stream:
    for event in stream:
        if event.type == "response.output_text.delta":
            pieces.append(event.delta)
            text_so_far = event.snapshot  # the whole text so far, from before the resume too
    final = stream.get_final_response()

print("rest of the text:", "".join(pieces))
print("resumed:", final.status, "- last snapshot:", len(text_so_far), "characters")
print("whole text:", final.output_text)
