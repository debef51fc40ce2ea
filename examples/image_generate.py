# Generate an image and save it as a PNG file.
import base64
import tempfile
from pathlib import Path

from typed_openai import OpenAI

client = OpenAI()

result = client.images.generate(
    model="gpt-image-1",
    prompt="A children's book drawing of a veterinarian using a stethoscope to listen to the heartbeat of a baby otter.",
)

image_bytes = base64.b64decode(result.data[0].b64_json)
path = Path(tempfile.mkdtemp()) / "otter.png"
path.write_bytes(image_bytes)

is_png = image_bytes.startswith(b"\x89PNG")
print(f"saved {path.name}: {len(image_bytes)} bytes, PNG: {is_png}")
