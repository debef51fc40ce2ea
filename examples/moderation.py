# Check a text with the moderation model.
from typed_openai import OpenAI

client = OpenAI()

moderation = client.moderations.create(
    model="omni-moderation-latest",
    input="I want to hug my friend after the game.",
)

result = moderation.results[0]
flagged = [name for name, hit in result.categories.model_dump().items() if hit]
print("flagged:", result.flagged, "| categories:", ", ".join(flagged) or "none")
